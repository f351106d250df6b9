// Small readers over tree-sitter-python nodes, shared by the Python rules.
import type { Node } from 'web-tree-sitter';
import type { Range } from '../../finding';

export function rangeOf(node: Node): Range {
  return {
    start: { line: node.startPosition.row, column: node.startPosition.column },
    end: { line: node.endPosition.row, column: node.endPosition.column },
  };
}

// Many rules share the "every call" query and each reads the same call's arguments; crossing into
// wasm for them once per call and tree halves the cost of the checks. Node ids are unique per tree.
const argumentsByTree = new WeakMap<object, Map<number, readonly Node[]>>();

/** The argument nodes of a call, without punctuation and comments. */
export function callArguments(call: Node): readonly Node[] {
  let byCall = argumentsByTree.get(call.tree);
  if (!byCall) argumentsByTree.set(call.tree, (byCall = new Map()));
  let found = byCall.get(call.id);
  if (!found) {
    const list = call.childForFieldName('arguments');
    found = list && list.type === 'argument_list' ? list.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment') : [];
    byCall.set(call.id, found);
  }
  return found;
}

export function positionalArguments(call: Node): Node[] {
  return callArguments(call).filter(
    (arg) => arg.type !== 'keyword_argument' && arg.type !== 'list_splat' && arg.type !== 'dictionary_splat',
  );
}

export function keywordArgument(call: Node, name: string): Node | undefined {
  for (const arg of callArguments(call)) {
    if (arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name) return arg;
  }
  return undefined;
}

export function keywordValue(call: Node, name: string): Node | undefined {
  return keywordArgument(call, name)?.childForFieldName('value') ?? undefined;
}

/** True when the call passes `**kwargs`: a keyword we look for may hide inside. */
export function hasDictionarySplat(call: Node): boolean {
  return callArguments(call).some((arg) => arg.type === 'dictionary_splat');
}

/** True for an f-string or any string with `{...}` interpolation. */
export function isInterpolatedString(node: Node): boolean {
  return node.type === 'string' && node.namedChildren.some((child) => child?.type === 'interpolation');
}

/**
 * The value of a plain string literal (or implicit concatenation of them), escapes left as
 * written. Undefined for f-strings and non-strings.
 */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    let value = '';
    for (const part of node.namedChildren) {
      const partValue = stringValue(part);
      if (partValue === undefined) return undefined;
      value += partValue;
    }
    return value;
  }
  if (node.type !== 'string' || isInterpolatedString(node)) return undefined;
  let value = '';
  for (const child of node.namedChildren) {
    if (child && (child.type === 'string_content' || child.type === 'escape_sequence')) value += child.text;
  }
  return value;
}

/** The text of every literal part of a string, f-strings included (interpolations dropped). */
export function stringLiteralParts(node: Node): string {
  if (node.type === 'concatenated_string') return node.namedChildren.map((part) => (part ? stringLiteralParts(part) : '')).join('');
  let value = '';
  for (const child of node.namedChildren) {
    if (child && (child.type === 'string_content' || child.type === 'escape_sequence')) value += child.text;
    else if (child?.type === 'interpolation') value += ' ? ';
  }
  return value;
}

export function isStringNode(node: Node | null | undefined): boolean {
  return !!node && (node.type === 'string' || node.type === 'concatenated_string');
}

export function isTrue(node: Node | null | undefined): boolean {
  return node?.type === 'true';
}

export function isFalse(node: Node | null | undefined): boolean {
  return node?.type === 'false';
}

const loopTypes = new Set(['for_statement', 'while_statement']);
const scopeTypes = new Set(['function_definition', 'class_definition', 'lambda']);

/** The nearest enclosing loop within the same function, or undefined. */
export function enclosingLoop(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (loopTypes.has(current.type)) return current;
    if (scopeTypes.has(current.type)) return undefined;
  }
  return undefined;
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

/** Is `node` inside the body (not the header) of `loop`? */
export function isInLoopBody(node: Node, loop: Node): boolean {
  const body = loop.childForFieldName('body');
  return !!body && node.startIndex >= body.startIndex && node.endIndex <= body.endIndex;
}

/** Leading whitespace of the line that `node` starts on. */
export function indentationOf(text: string, node: Node): string {
  const lineStart = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  const match = /^[ \t]*/.exec(text.slice(lineStart, node.startIndex));
  return match ? match[0] : '';
}

/**
 * The shared query for rules about calls to a named function. Rules that use this exact string
 * share one pattern in the combined query. `context.qualifiedName(callee)` is memoized per node,
 * so every rule may ask it; compare it against the fully qualified names the rule cares about.
 */
export const callQuery = '(call function: [(identifier) (attribute)] @callee) @call';

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

/** Last segment of a callee as written (`md5` for `hashlib.md5`); aliases are not followed. */
export function calleeBaseName(callee: Node | undefined): string | undefined {
  if (!callee) return undefined;
  if (callee.type === 'identifier') return callee.text;
  if (callee.type === 'attribute') return callee.childForFieldName('attribute')?.text;
  return undefined;
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
