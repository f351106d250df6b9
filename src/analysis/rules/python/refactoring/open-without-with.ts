import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { callQuery, lastSegment } from '../calls';
import { enclosingStatements, isSameNode, namedSiblingsAfter, statementOf } from '../statements';

/** Calls that return an open file (or archive) that must be closed, by fully qualified name. */
const openers = new Set([
  'open',
  'io.open',
  'codecs.open',
  'gzip.open',
  'bz2.open',
  'lzma.open',
  'tarfile.open',
  'zipfile.ZipFile',
  'tempfile.TemporaryFile',
  'tempfile.NamedTemporaryFile',
  'tempfile.SpooledTemporaryFile',
]);

/** Calls that take over closing what is passed to them. */
const closers = new Set(['closing', 'enter_context', 'push']);

function finallyCloses(statement: Node, name: string): boolean {
  if (statement.type !== 'try_statement') return false;
  const cleanup = statement.namedChildren.find((child) => child?.type === 'finally_clause');
  return !!cleanup?.text.includes(`${name}.close()`);
}

function isWithOver(statement: Node, name: string): boolean {
  if (statement.type !== 'with_statement') return false;
  const item = statement.namedChildren.find((child) => child?.type === 'with_clause')?.firstNamedChild;
  return item?.childForFieldName('value')?.text === name;
}

/**
 * Is `name` closed for sure: by a later `with name:`, or by a `finally:` that calls `name.close()`,
 * in a later `try` or in a `try` around the assignment?
 */
function closedLater(statement: Node, name: string): boolean {
  for (const current of enclosingStatements(statement)) {
    if (finallyCloses(current, name)) return true;
    for (const next of namedSiblingsAfter(current)) {
      if (isWithOver(next, name) || finallyCloses(next, name)) return true;
    }
  }
  return false;
}

/** Where the opened file can leak: the part of the code that holds it, or undefined when it is handled. */
function leakingUse(call: Node): 'assigned' | 'used inline' | undefined {
  const parent = call.parent;
  switch (parent?.type) {
    case 'assignment': {
      const target = parent.childForFieldName('left');
      // `self.handle = open(...)` hands the file to an object that closes it later.
      if (!isSameNode(parent.childForFieldName('right'), call) || target?.type !== 'identifier') return undefined;
      const statement = statementOf(parent);
      return statement && closedLater(statement, target.text) ? undefined : 'assigned';
    }
    case 'attribute':
      return 'used inline'; // open(path).read()
    case 'argument_list': {
      const receiver = parent.parent?.childForFieldName('function');
      return closers.has(lastSegment(receiver ?? undefined) ?? '') ? undefined : 'used inline';
    }
    default:
      return undefined; // with-items, return, yield and anything unusual
  }
}

export const openWithoutWith: Rule = {
  meta: {
    id: 'open-without-with',
    title: 'File opened without a `with` block',
    category: 'refactoring',
    severity: 'info',
    confidence: 'medium',
    aliases: ['SIM115', 'R1732'],
    why: 'A file opened outside `with` stays open until someone calls `close()`; an exception on the way, or code that forgets, leaks the handle and can lose buffered writes.',
    doInstead: 'Open it in a `with open(path) as handle:` block, which closes it however the block ends.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const callee = match.get('callee')!;
    // Every call in the file reaches this check: a text test first, imports only for candidates.
    const written = callee.text;
    if (!written.endsWith('open') && !written.endsWith('File')) return;
    const opener = context.qualifiedName(callee);
    if (!opener || !openers.has(opener)) return;
    const call = match.get('call')!;
    const use = leakingUse(call);
    if (!use) return;
    context.report({
      node: call,
      message:
        use === 'assigned'
          ? `The file from \`${opener}()\` is never closed by a \`with\` block; open it in \`with ${opener}(...) as handle:\`.`
          : `The file from \`${opener}()\` is used inline and left for the garbage collector to close; read it inside a \`with\` block.`,
    });
  },
};
