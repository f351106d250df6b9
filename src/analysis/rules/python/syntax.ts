// Small readers over tree-sitter-python nodes, shared by the Python rules: ranges, enclosing
// functions and expressions, comparisons, headers and quoted snippets.
import type { Node } from 'web-tree-sitter';
import type { Range } from '../../finding';
import { rangeOf } from '../../nodeRange';

export { rangeOf };

export function isTrue(node: Node | null | undefined): boolean {
  return node?.type === 'true';
}

export function isFalse(node: Node | null | undefined): boolean {
  return node?.type === 'false';
}

// Function definitions per tree in document order, each with the index of the one around it.
// Finding the innermost around a node then needs no walk up the tree: each `.parent` is a descent
// from the root in tree-sitter, which made walking up from deeply nested calls cubic.
const functionsByTree = new WeakMap<object, { functions: Node[]; outer: number[] }>();

function functionsOf(tree: object, root: Node): { functions: Node[]; outer: number[] } {
  let entry = functionsByTree.get(tree);
  if (!entry) {
    const functions = root.descendantsOfType('function_definition').filter((fn): fn is Node => !!fn);
    const outer: number[] = [];
    const open: number[] = [];
    functions.forEach((fn, index) => {
      while (open.length > 0 && functions[open[open.length - 1]].endIndex < fn.endIndex) open.pop();
      outer.push(open.length > 0 ? open[open.length - 1] : -1);
      open.push(index);
    });
    functionsByTree.set(tree, (entry = { functions, outer }));
  }
  return entry;
}

export function enclosingFunction(node: Node): Node | undefined {
  const { functions, outer } = functionsOf(node.tree, node.tree.rootNode);
  // The last function that starts at or before the node; the one around it is that or an outer one.
  let low = 0;
  let high = functions.length - 1;
  let candidate = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (functions[middle].startIndex <= node.startIndex) (candidate = middle), (low = middle + 1);
    else high = middle - 1;
  }
  for (let index = candidate; index >= 0; index = outer[index]) {
    const fn = functions[index];
    if (fn.id !== node.id && fn.startIndex <= node.startIndex && node.endIndex <= fn.endIndex) return fn;
  }
  return undefined;
}

/**
 * Every comparison, for the check to read. Rules that use this exact string share one pattern.
 * Child steps under `comparison_operator` cost time quadratic in a chain's length or nesting
 * depth: the query engine keeps a partial match open for every operand it walks past.
 */
export const comparisonQuery = '(comparison_operator) @comparison';

/** The operator of a two-operand comparison (`a == b`); undefined for chains (`a < b < c`). */
export function soleComparisonOperator(comparison: Node): Node | undefined {
  if (comparison.namedChildCount !== 2) return undefined;
  return comparison.childrenForFieldName('operators')[0] ?? undefined;
}

/** From the start of a compound statement to the `:` that opens its block: the line to flag. */
export function headerRange(statement: Node): Range {
  const colon = statement.children.find((child) => child?.type === ':');
  const range = rangeOf(statement);
  return colon ? { start: range.start, end: rangeOf(colon).end } : range;
}

/** Code as a message quotes it: one line, at most `limit` characters (`f(a, b…`). */
export function snippet(node: Node, limit = 48): string {
  // Only the head is tidied: a node of a long chain can hold the whole chain, and rules quote
  // every link (O(n^2) over the chain if each quote read all of it).
  const whole = node.text;
  const head = whole.length > limit * 8 ? whole.slice(0, limit * 8) : whole;
  const text = head.replace(/\s*\n\s*/g, ' ');
  return text.length > limit || head.length < whole.length ? `${text.slice(0, limit - 1)}…` : text;
}

/** The expression that holds `node`, looking through parentheses. */
export function enclosingExpression(node: Node): Node | null {
  let outer = node.parent;
  while (outer?.type === 'parenthesized_expression') outer = outer.parent;
  return outer;
}

export function unwrapParentheses(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.namedChildCount === 1) current = current.firstNamedChild!;
  return current;
}
