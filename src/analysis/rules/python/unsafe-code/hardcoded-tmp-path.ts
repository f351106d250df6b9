import type { Node } from 'web-tree-sitter';
import type { Rule, RuleContext } from '../../rule';
import { lastSegment } from '../calls';

/** tempfile functions that create a fresh, unguessable name inside `dir=`: a fixed folder is fine there. */
const tempfileCreators = /^tempfile\.(?:mkstemp|mkdtemp|NamedTemporaryFile|TemporaryFile|TemporaryDirectory|SpooledTemporaryFile)$/;
const checks = new Set(['startswith', 'endswith']);

/** Is this literal only compared against: `path.startswith("/tmp/")`, `if d == "/tmp":`, `"/tmp" in path`? */
function isOnlyCompared(literal: Node): boolean {
  const parent = literal.parent;
  if (parent?.type === 'comparison_operator') return true;
  if (parent?.type !== 'argument_list') return false;
  return checks.has(lastSegment(parent.parent?.childForFieldName('function') ?? undefined) ?? '');
}

function isDocstring(literal: Node): boolean {
  return literal.parent?.type === 'expression_statement' && literal.parent.namedChildCount === 1;
}

/** `tempfile.mkstemp(dir="/tmp")` still gets a private, unpredictable file. */
function isTempfileFolder(literal: Node, context: RuleContext): boolean {
  const keyword = literal.parent;
  if (keyword?.type !== 'keyword_argument' || keyword.childForFieldName('name')?.text !== 'dir') return false;
  const call = keyword.parent?.parent;
  return tempfileCreators.test(context.qualifiedName(call?.childForFieldName('function')) ?? '');
}

export const hardcodedTmpPath: Rule = {
  meta: {
    id: 'hardcoded-tmp-path',
    title: 'Hard-coded path in a shared temporary folder',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 377,
    aliases: ['B108', 'S108'],
    why: 'Every user can create files in /tmp, /var/tmp and /dev/shm. Another local user can create a fixed name there first, or a symlink with that name, and read or redirect what your program writes.',
    doInstead: 'Create temporary files and folders with the tempfile module (NamedTemporaryFile, mkstemp, TemporaryDirectory), which picks a fresh name and opens it safely.',
    languages: ['python'],
  },

  query: '(string (string_start) . (string_content) @path (#match? @path "^/(tmp|var/tmp|dev/shm)(/|$)")) @literal',

  check(match, context) {
    const literal = match.get('literal')!;
    // "/tmp/ is cleared on reboot" is prose, not a path.
    const text = literal.namedChildren.map((part) => (part?.type === 'string_content' ? part.text : '')).join('');
    if (/\s/.test(text)) return;
    if (isDocstring(literal) || isOnlyCompared(literal) || isTempfileFolder(literal, context)) return;
    context.report({ node: literal, message: `${literal.text} is a fixed name in a folder every user can write to; use the tempfile module.` });
  },
};
