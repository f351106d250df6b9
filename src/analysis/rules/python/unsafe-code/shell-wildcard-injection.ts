import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { argumentAt, callQuery, passesShellTrue, resolveCall } from '../calls';
import { isStringNode, stringLiteralParts } from '../strings';
import { unwrapParentheses } from '../syntax';
import { shellFunctions, subprocessFunctions } from './processFunctions';

/**
 * A command whose options can run programs or change owners, followed on the same command by a
 * glob: `tar cf backup.tar *`, `chown -R www-data /srv/*`, `rsync -a * host:`. The shell expands the
 * glob into file names, and a file named `--checkpoint-action=exec=sh x.sh` becomes an option.
 */
const wildcardCommand = /(?:^|[;&|(`]\s*|\bsudo\s+)(chown|chmod|chgrp|tar|rsync)\b[^;&|\n]*?(?:^|\s)[^\s'"]*\*/;

/** A file name that each command would read as a dangerous option. */
const optionExamples: Record<string, string> = {
  tar: '`--checkpoint-action=exec=sh run.sh`',
  rsync: '`-e sh run.sh`',
  chown: '`--reference=mine`',
  chgrp: '`--reference=mine`',
  chmod: '`--reference=mine`',
};

/** The literal text of a command: a string, or the literal parts of an f-string, `%` or `+` build. */
function commandText(command: Node): string | undefined {
  const value = unwrapParentheses(command);
  if (isStringNode(value)) return stringLiteralParts(value);
  if (value.type === 'binary_operator') {
    const parts = [value.childForFieldName('left'), value.childForFieldName('right')].map((part) => (part ? commandText(part) ?? ' ? ' : ''));
    return parts.join('');
  }
  return undefined;
}

export const shellWildcardInjection: Rule = {
  meta: {
    id: 'shell-wildcard-injection',
    title: 'Shell wildcard in a chown, chmod, tar or rsync command',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 155,
    aliases: ['B609', 'S609'],
    why: 'The shell replaces `*` with the names of the files in the folder before the command sees them. Anyone who can create a file there can name it like an option (`--checkpoint-action=exec=sh x.sh` for tar, `--reference=owned` for chown) and make the command run programs or change the wrong files.',
    doInstead: 'Run the command without a shell and list the files yourself, e.g. `subprocess.run(["tar", "cf", "backup.tar", "--", *os.listdir(folder)])`, or put `--` (or `./*`) before the glob so that no file name can be read as an option.',
    languages: ['python'],
  },

  mentions: /chown|chmod|chgrp|tar|rsync/,
  query: callQuery,

  check(match, context) {
    const { call, callee, name } = resolveCall(match, context)!;
    if (!name || !(shellFunctions.has(name) || (subprocessFunctions.has(name) && passesShellTrue(call)))) return;
    const command = argumentAt(call, 0, shellFunctions.has(name) ? 'cmd' : 'args');
    const text = command ? commandText(command) : undefined;
    const found = text ? wildcardCommand.exec(text) : undefined;
    // `tar cf x.tar -- *` and `./*` keep file names from reading as options.
    if (!found || /\s--\s|\.\/\*/.test(found[0])) return;
    const fragment = found[0].replace(/^[;&|(`\s]+/, '').trim();
    context.report({ node: call, message: `\`${callee.text}()\` runs \`${fragment}\` through a shell, so a file named like an option (${optionExamples[found[1]]}) becomes one.` });
  },
};
