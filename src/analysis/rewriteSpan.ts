// The lines a model may rewrite to fix a finding: the function it sits in, else its own statement
// or the small compound statement (`if`, `with`, `try`, ...) holding it. A window of lines reached
// into imports and neighbouring code, and fixes rewrote them. Like enclosingDefinition.ts, it walks
// down from the root through statements only; what a grammar calls a statement is data.
import type { Node } from 'web-tree-sitter';

export interface RewriteSpan {
  /** 0-based, inclusive. */
  startLine: number;
  endLine: number;
  /** What the lines are, for messages: "changes 2 lines outside the statement". */
  unit: 'function' | 'statement';
}

/** The node kinds of one grammar that the finder needs. */
export interface StatementKinds {
  /** Nodes whose named children are statements. */
  statementLists: ReadonlySet<string>;
  /** The statement list of a compound statement (its body), as opposed to the file. */
  body: string;
  /** Statements and clauses that hold statement lists: the walk goes into them. */
  compound: ReadonlySet<string>;
  functions: ReadonlySet<string>;
  /** Classes are never rewritten whole: a finding in one rewrites its statement (or its header). */
  classes: ReadonlySet<string>;
  /** A node that wraps a definition (decorators), and the field naming what it wraps. */
  wrapper: { type: string; field: string };
}

export const pythonStatementKinds: StatementKinds = {
  statementLists: new Set(['module', 'block', 'ERROR']),
  body: 'block',
  compound: new Set([
    'if_statement', 'elif_clause', 'else_clause', 'for_statement', 'while_statement', 'try_statement',
    'except_clause', 'except_group_clause', 'finally_clause', 'with_statement', 'match_statement', 'case_clause',
    'decorated_definition', 'function_definition', 'class_definition', 'block', 'ERROR',
  ]),
  functions: new Set(['function_definition']),
  classes: new Set(['class_definition']),
  wrapper: { type: 'decorated_definition', field: 'definition' },
};

/** A compound statement holding the finding is rewritten whole up to this many lines; past it, only the statement. */
export const maxBlockLines = 15;

function lineCount(node: Node): number {
  return node.endPosition.row - node.startPosition.row + 1;
}

function unwrapped(node: Node, kinds: StatementKinds): Node {
  return node.type === kinds.wrapper.type ? (node.childForFieldName(kinds.wrapper.field) ?? node) : node;
}

/** The lines of a compound statement (or clause) before its body: `if ...:`, decorators and `class ...:`. */
function headerSpan(node: Node, kinds: StatementKinds): { startLine: number; endLine: number } {
  const body = unwrapped(node, kinds).namedChildren.find((child) => child?.type === kinds.body);
  const startLine = node.startPosition.row;
  if (!body) return { startLine, endLine: node.endPosition.row };
  return { startLine, endLine: Math.max(startLine, body.startPosition.row - 1) };
}

function lastIndexWhere(nodes: readonly Node[], test: (node: Node) => boolean): number {
  for (let index = nodes.length - 1; index >= 0; index--) if (test(nodes[index])) return index;
  return -1;
}

function spanOf(node: Node, unit: RewriteSpan['unit']): RewriteSpan {
  return { startLine: node.startPosition.row, endLine: node.endPosition.row, unit };
}

/** The span to rewrite for a finding at `line` and `offset` (UTF-16 code units, as `startIndex`). */
export function rewriteSpan(root: Node, at: { line: number; offset: number }, kinds: StatementKinds = pythonStatementKinds): RewriteSpan {
  // The statements containing the offset, outermost first, and the innermost node entered.
  const statements: Node[] = [];
  let node = root;
  for (;;) {
    const child = node.firstNamedChildForIndex(at.offset);
    if (!child || child.startIndex > at.offset) break;
    if (kinds.statementLists.has(node.type)) statements.push(child);
    if (!kinds.compound.has(child.type)) break;
    node = child;
  }

  const definitionType = (candidate: Node) => unwrapped(candidate, kinds).type;
  const functionIndex = lastIndexWhere(statements, (candidate) => kinds.functions.has(definitionType(candidate)));
  if (functionIndex >= 0) return spanOf(statements[functionIndex], 'function');

  const candidates = statements.slice(lastIndexWhere(statements, (candidate) => kinds.classes.has(definitionType(candidate))) + 1);
  const fits = candidates.find((candidate) => lineCount(candidate) <= maxBlockLines);
  if (fits) return spanOf(fits, 'statement');
  // Nothing small holds it. The walk stopped inside a compound statement, not in its body: its
  // header (`if ...:`, decorators and `class ...:`). Else one long statement, rewritten whole.
  if (node !== root && !kinds.statementLists.has(node.type)) {
    const header = headerSpan(node, kinds);
    if (at.line >= header.startLine && at.line <= header.endLine) return { ...header, unit: 'statement' };
  }
  const innermost = candidates.at(-1);
  if (innermost && !kinds.compound.has(innermost.type)) return spanOf(innermost, 'statement');
  return { startLine: at.line, endLine: at.line, unit: 'statement' };
}
