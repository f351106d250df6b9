// Fixes shared by the Python rules: moving a secret into the environment, removing or appending
// a keyword argument, and parenthesizing an expression that replaces an operand.
import type { Node } from 'web-tree-sitter';
import type { Fix, FixSafety, Range } from '../../finding';
import { environmentName } from '../../secrets/credentialNames';
import { callArguments } from './calls';
import { comprehensionTypes } from './loops';
import { rangeOf } from './syntax';

/** An empty range at `position`, where an edit inserts text. */
function collapsed(position: Range['start']): Range {
  return { start: position, end: position };
}

/** Does the module import `os` by that name (`import os`, `import os.path`)? */
function importsOsModule(root: Node): boolean {
  return root.namedChildren.some(
    (statement) =>
      statement?.type === 'import_statement' &&
      statement.childrenForFieldName('name').some((name) => name?.type === 'dotted_name' && name.firstNamedChild?.text === 'os'),
  );
}

function isDocstring(statement: Node): boolean {
  return statement.type === 'expression_statement' && statement.namedChildCount === 1 && statement.firstNamedChild?.type === 'string';
}

/** Inserts `import os` after the module docstring and `from __future__` imports. */
function importOsEdit(root: Node): Fix['edits'][number] {
  let previous: Node | undefined;
  for (const statement of root.namedChildren) {
    if (!statement || statement.type === 'comment') continue;
    const isPreamble = statement.type === 'future_import_statement' || (!previous && isDocstring(statement));
    if (!isPreamble) return { range: collapsed(rangeOf(statement).start), newText: 'import os\n' };
    previous = statement;
  }
  return previous ? { range: collapsed(rangeOf(previous).end), newText: '\nimport os' } : { range: collapsed({ line: 0, column: 0 }), newText: 'import os\n' };
}

/**
 * Replaces a hardcoded secret with `os.environ["NAME"]`, NAME being the upper snake case of the
 * name it was bound to, and imports `os` when the module does not yet. Unsafe: the value now comes
 * from the environment when the line runs, and a missing variable raises KeyError there.
 */
export function environmentVariableFix(literal: Node, boundName: string): Fix | undefined {
  const variable = environmentName(boundName);
  if (!variable) return undefined;
  const edits: Fix['edits'] = [{ range: rangeOf(literal), newText: `os.environ["${variable}"]` }];
  const root = literal.tree.rootNode;
  if (!importsOsModule(root)) edits.push(importOsEdit(root));
  return {
    title: `Read ${variable} from the environment`,
    edits,
    applicability: 'unsafe',
    changes: `reads ${variable} from the environment at run time; KeyError if it is unset`,
  };
}

/**
 * Removes a keyword argument with its comma: the whole line when it stands alone on one, else the
 * comma after it (or, for the last argument, the one before it). Always unsafe: the call then
 * takes the default, and `changes` says what that does.
 */
export function removeArgumentFix(argument: Node, text: string, title: string, changes: string): Fix {
  const fix = (range: Range): Fix => ({ title, edits: [{ range, newText: '' }], applicability: 'unsafe', changes });
  const previous = argument.previousSibling;
  const next = argument.nextSibling;
  const lineStart = text.lastIndexOf('\n', argument.startIndex - 1) + 1;
  const aloneOnLine = /^[ \t]*$/.test(text.slice(lineStart, argument.startIndex));
  const trailing = next?.type === ',' ? next : undefined;
  const end = trailing ? rangeOf(trailing).end : rangeOf(argument).end;
  const restOfLine = text.slice(trailing ? trailing.endIndex : argument.endIndex).match(/^[ \t]*(\r?\n)?/)![0];
  if (aloneOnLine && restOfLine.endsWith('\n')) {
    return fix({ start: { line: argument.startPosition.row, column: 0 }, end: { line: argument.startPosition.row + 1, column: 0 } });
  }
  if (trailing) {
    const spaces = restOfLine.endsWith('\n') ? 0 : restOfLine.length;
    return fix({ start: rangeOf(argument).start, end: { line: end.line, column: end.column + spaces } });
  }
  if (previous?.type === ',') return fix({ start: rangeOf(previous).start, end });
  return fix(rangeOf(argument));
}

/**
 * A fix that adds `keyword` (such as `timeout=10`) as the last argument of `call`, keeping the
 * call's layout: after a trailing comma, or on its own line when the arguments are one per line.
 * Whether that keeps the program's meaning is the caller's to say.
 */
export function appendArgumentFix(call: Node, keyword: string, title: string, safety: FixSafety): Fix | undefined {
  const list = call.childForFieldName('arguments');
  if (list?.type !== 'argument_list') return undefined;
  const close = list.lastChild;
  if (close?.type !== ')') return undefined;
  const args = callArguments(call);
  const last = args[args.length - 1];
  if (!last) return { title, edits: [{ range: collapsed(rangeOf(close).start), newText: keyword }], ...safety };
  const comma = last.nextSibling?.type === ',' ? last.nextSibling : undefined;
  const onOwnLines = close.startPosition.row > last.endPosition.row;
  const indentation = ' '.repeat(last.startPosition.column);
  let newText: string;
  if (onOwnLines) newText = comma ? `\n${indentation}${keyword},` : `,\n${indentation}${keyword}`;
  else newText = comma ? ` ${keyword}` : `, ${keyword}`;
  const anchor = rangeOf(comma ?? last).end;
  return { title, edits: [{ range: collapsed(anchor), newText }], ...safety };
}

/** Expressions that bind tighter than any operator: their text is safe in any operand position. */
const atomTypes = new Set([
  'identifier',
  'attribute',
  'subscript',
  'call',
  'parenthesized_expression',
  'list',
  'tuple',
  'dictionary',
  'set',
  'string',
  'concatenated_string',
  'integer',
  'float',
  'true',
  'false',
  'none',
  'ellipsis',
  ...comprehensionTypes,
]);

/** The text of `node`, parenthesized unless it is an atom, so it can replace an operand. */
export function asOperand(node: Node): string {
  return atomTypes.has(node.type) ? node.text : `(${node.text})`;
}
