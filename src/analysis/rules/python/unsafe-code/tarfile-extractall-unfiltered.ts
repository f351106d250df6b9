import type { Node } from 'web-tree-sitter';
import type { Confidence } from '../../../finding';
import type { Rule, RuleContext } from '../../rule';
import { valueBoundTo } from '../bindings';
import { callQuery, hasDictionarySplat, keywordValue, lastSegment, resolveCall } from '../calls';
import { appendArgumentFix } from '../fixes';
import { stringValue } from '../strings';
import { rangeOf, unwrapParentheses } from '../syntax';

const tarOpeners = new Set(['tarfile.open', 'tarfile.TarFile', 'tarfile.TarFile.open']);

/**
 * How sure we are that `receiver` is a TarFile: opened right there or bound to `tarfile.open()`
 * (high), some other object in a file that imports tarfile (medium), or known not to be (undefined).
 */
function tarConfidence(receiver: Node, context: RuleContext): Confidence | undefined {
  const target = unwrapParentheses(receiver);
  const source = target.type === 'identifier' ? valueBoundTo(target) : target;
  if (source?.type === 'call') {
    const opener = context.qualifiedName(source.childForFieldName('function'));
    if (opener && tarOpeners.has(opener)) return 'high';
    // zipfile.ZipFile(...), shutil... : another archive type with its own extract().
    if (opener?.includes('.')) return undefined;
  }
  return context.importsModule('tarfile') ? 'medium' : undefined;
}

/** filter="fully_trusted" asks for the old behaviour that PEP 706 filters exist to prevent. */
function isFullyTrusted(filter: Node): boolean {
  return stringValue(filter) === 'fully_trusted' || lastSegment(filter) === 'fully_trusted_filter';
}

/**
 * Unsafe: the data filter refuses members that were extracted before (paths and links that leave
 * the folder, devices) and clears setuid and group/other write bits; adding `filter=` also needs a
 * Python with PEP 706 (3.12, or a 3.8 to 3.11 security release), as older ones reject it.
 */
const dataFilterChanges = 'refuses members that leave the folder or are devices, and clears setuid bits';
const addFilterChanges = 'refuses members that leave the folder or are devices; old Pythons reject filter=';

export const tarfileExtractallUnfiltered: Rule = {
  meta: {
    id: 'tarfile-extractall-unfiltered',
    title: 'Tar archive extracted without an extraction filter',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 22,
    aliases: ['B202', 'S202'],
    why: 'Without a filter, tarfile writes members wherever their names point: `../` paths, absolute paths and symlinks let a crafted archive overwrite files outside the target folder.',
    doInstead: 'Pass filter="data" to extractall() and extract() (Python 3.12, and security releases of 3.8 to 3.11); on older versions, check each member\'s resolved path before extracting it.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const { call, callee } = resolveCall(match, context)!;
    const method = lastSegment(callee);
    if (callee.type !== 'attribute' || (method !== 'extractall' && method !== 'extract')) return;
    const filter = keywordValue(call, 'filter');
    if (filter && isFullyTrusted(filter)) {
      context.report({
        node: call,
        message: `\`${callee.text}(filter=${filter.text})\` extracts links and paths outside the target folder; use filter="data".`,
        fix: { title: 'Use filter="data"', edits: [{ range: rangeOf(filter), newText: '"data"' }], applicability: 'unsafe', changes: dataFilterChanges },
      });
      return;
    }
    // `**options` may carry the filter; a members= selection is the older way to vet entries.
    if (filter || hasDictionarySplat(call) || keywordValue(call, 'members')?.type === 'call') return;
    const confidence = tarConfidence(callee.childForFieldName('object')!, context);
    if (!confidence) return;
    context.report({
      node: call,
      confidence,
      message: `\`${callee.text}()\` without filter= trusts every path and link in the archive; pass filter="data".`,
      fix: appendArgumentFix(call, 'filter="data"', 'Add filter="data"', { applicability: 'unsafe', changes: addFilterChanges }),
    });
  },
};
