// Helpers shared by the refactoring and performance rules: statements and the values assigned
// before them, loops that repeat a node, headers to report on, operator precedence for fixes, and
// one shared scan of a file's structure for the complexity and nesting rules.
import type { Node, Tree } from 'web-tree-sitter';
import { callArguments, positionalArguments } from '../syntax';

/** Nodes that open a new scope: a search for names or loops in "the same function" stops there. */
export const scopeTypes: ReadonlySet<string> = new Set(['function_definition', 'class_definition', 'lambda', 'decorated_definition']);
const statementParents = new Set(['block', 'module']);
export const comprehensionTypes: ReadonlySet<string> = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

/**
 * How far the upward searches below may climb. Nodes do not store their parent: each step up
 * walks down again from the root, so climbing without a bound from every match would cost the
 * cube of the nesting depth in pathological files. Real code needs far fewer steps than these.
 */
const maxAncestorSteps = 48;
const maxEnclosingStatements = 12;

export function isSameNode(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return !!a && !!b && a.id === b.id;
}

export function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/** The nearest enclosing function, class or lambda (undefined at module level). Unbounded: call it for few nodes. */
export function enclosingScope(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (scopeTypes.has(current.type)) return current;
  }
  return undefined;
}

/** The statement that holds `node`, or `node` itself when it is a statement. */
export function statementOf(node: Node): Node | undefined {
  let current = node;
  let steps = 0;
  for (let parent = node.parent; parent && steps < maxAncestorSteps; current = parent, parent = parent.parent, steps++) {
    if (statementParents.has(parent.type)) return current;
  }
  return undefined;
}

/** The named statements of a block or module, comments left out. */
export function statementsOf(block: Node): Node[] {
  return block.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment');
}

const destructuringTypes = new Set(['pattern_list', 'tuple_pattern', 'list_pattern']);

/** The names an assignment target binds: `name`, or the plain names in `a, b = ...`. */
function targetNames(target: Node | null): string[] {
  if (!target) return [];
  if (target.type === 'identifier') return [target.text];
  if (!destructuringTypes.has(target.type)) return [];
  return target.namedChildren.filter((part): part is Node => part?.type === 'identifier').map((part) => part.text);
}

export interface Binding {
  statement: Node;
  /** The value assigned to the name itself; undefined when it comes out of unpacking. */
  value?: Node;
}

/** Every name `statement` assigns, and how: `name = v`, `a = name = v`, `name, b = v`. */
function bindingsOf(statement: Node): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  if (statement.type !== 'expression_statement') return bindings;
  const unpacked = new Map<string, boolean>();
  let assignment = statement.firstNamedChild;
  // `a = b = value` nests: each `right` is the next assignment until the value.
  while (assignment?.type === 'assignment') {
    const target = assignment.childForFieldName('left');
    for (const name of targetNames(target)) unpacked.set(name, target!.type !== 'identifier');
    const right = assignment.childForFieldName('right');
    if (right?.type !== 'assignment') {
      if (right) for (const [name, isUnpacked] of unpacked) bindings.set(name, { statement, value: isUnpacked ? undefined : right });
      return bindings;
    }
    assignment = right;
  }
  return bindings;
}

/** How `statement` binds `name`, when it is an assignment to it: `name = v`, `a = name = v`, `name, b = v`. */
export function bindingIn(statement: Node, name: string): Binding | undefined {
  return bindingsOf(statement).get(name);
}

/** `value` when `statement` is exactly `name = value`. */
export function assignedValue(statement: Node, name: string): Node | undefined {
  return bindingIn(statement, name)?.value;
}

/** The compound statement whose block holds `statement`; undefined at a function, class or module. */
export function enclosingCompoundStatement(statement: Node): Node | undefined {
  const block = statement.parent;
  if (block?.type !== 'block') return undefined;
  const owner = statementOf(block);
  return owner && !scopeTypes.has(owner.type) ? owner : undefined;
}

/** The statement holding `node`, then each compound statement around it, up to the scope (or a bound). */
export function* enclosingStatements(node: Node, maxLevels = maxEnclosingStatements): Generator<Node> {
  let levels = 0;
  for (let statement = statementOf(node); statement && levels < maxLevels; statement = enclosingCompoundStatement(statement), levels++) {
    yield statement;
  }
}

// In tree-sitter each `previousNamedSibling` / `nextNamedSibling` is a walk down from the parent,
// so stepping through a block of k statements one at a time costs O(k^2). Each block's statements
// are read once per tree instead.
interface BlockStatements {
  siblings: Node[];
  indexById: Map<number, number>;
  /** Name -> indexes (ascending) of the siblings that assign it, built on first use. */
  assignments?: Map<string, number[]>;
}
const siblingsByTree = new WeakMap<Tree, Map<number, BlockStatements>>();

function namedSiblings(node: Node): { block: BlockStatements; index: number } | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  let byParent = siblingsByTree.get(node.tree);
  if (!byParent) siblingsByTree.set(node.tree, (byParent = new Map()));
  let entry = byParent.get(parent.id);
  if (!entry) {
    const siblings = parent.namedChildren.filter((child): child is Node => !!child);
    entry = { siblings, indexById: new Map(siblings.map((sibling, index) => [sibling.id, index])) };
    byParent.set(parent.id, entry);
  }
  const index = entry.indexById.get(node.id);
  return index === undefined ? undefined : { block: entry, index };
}

/** The named siblings before `node` (comments included), nearest first. */
export function* namedSiblingsBefore(node: Node): Generator<Node> {
  const found = namedSiblings(node);
  if (found) for (let index = found.index - 1; index >= 0; index--) yield found.block.siblings[index];
}

/** The named siblings after `node` (comments included), nearest first. */
export function* namedSiblingsAfter(node: Node): Generator<Node> {
  const found = namedSiblings(node);
  if (found) for (let index = found.index + 1; index < found.block.siblings.length; index++) yield found.block.siblings[index];
}

/** The last sibling before `statement` that assigns `name`; an index per block keeps long blocks linear. */
function assignmentBefore(statement: Node, name: string): Binding | undefined {
  const found = namedSiblings(statement);
  if (!found) return undefined;
  const { block, index } = found;
  if (!block.assignments) {
    const assignments = (block.assignments = new Map<string, number[]>());
    block.siblings.forEach((sibling, position) => {
      for (const assigned of bindingsOf(sibling).keys()) {
        const positions = assignments.get(assigned);
        if (positions) positions.push(position);
        else assignments.set(assigned, [position]);
      }
    });
  }
  const positions = block.assignments.get(name);
  if (!positions) return undefined;
  let low = 0;
  let high = positions.length - 1;
  let latest = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (positions[middle] < index) (latest = positions[middle]), (low = middle + 1);
    else high = middle - 1;
  }
  return latest < 0 ? undefined : bindingIn(block.siblings[latest], name);
}

/**
 * The nearest assignment to `name` before `node` in the same function (or module): the earlier
 * statements of each enclosing block, innermost first. Only the statement lists are read, never
 * whole subtrees, so this stays cheap in long functions.
 */
export function precedingBinding(node: Node, name: string, maxLevels = maxEnclosingStatements): Binding | undefined {
  for (const statement of enclosingStatements(node, maxLevels)) {
    const binding = assignmentBefore(statement, name);
    if (binding) return binding;
  }
  return undefined;
}

/**
 * The statements after `node` in its block, then after each enclosing compound statement, up to
 * the scope. Unbounded, because fixes rely on seeing all of them: call it for few nodes.
 */
export function* followingStatements(node: Node): Generator<Node> {
  for (const statement of enclosingStatements(node, Number.POSITIVE_INFINITY)) {
    yield* namedSiblingsAfter(statement);
  }
}

/** Does any identifier in `node` (or `node` itself) spell one of `names`? */
export function mentionsAny(node: Node, names: ReadonlySet<string>): boolean {
  return node.descendantsOfType('identifier').some((identifier) => !!identifier && names.has(identifier.text));
}

/**
 * The nearest loop that evaluates `node` once per iteration: the body of a `for`, the condition or
 * body of a `while`, or any part of a comprehension but its first iterable (evaluated once).
 * Undefined outside loops (or too far up); a function, class or lambda boundary ends the search.
 */
export function repeatingLoop(node: Node): Node | undefined {
  let grandchild: Node | undefined;
  let child = node;
  let steps = 0;
  for (let current = node.parent; current && steps < maxAncestorSteps; grandchild = child, child = current, current = current.parent, steps++) {
    const type = current.type;
    if (scopeTypes.has(type)) return undefined;
    if (type === 'for_statement') {
      if (isSameNode(current.childForFieldName('body'), child)) return current;
    } else if (type === 'while_statement') {
      if (child.type !== 'else_clause') return current;
    } else if (comprehensionTypes.has(type)) {
      const first = current.namedChildren.find((part) => part?.type === 'for_in_clause');
      const isFirstIterable = isSameNode(first, child) && isSameNode(child.childForFieldName('right'), grandchild);
      if (!isFirstIterable) return current;
    }
  }
  return undefined;
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

/** True when `node` is a call to the plain name `name` (`len(x)`, not `obj.len(x)`). */
export function isCallTo(node: Node | null | undefined, name: string): boolean {
  if (node?.type !== 'call') return false;
  const callee = node.childForFieldName('function');
  return callee?.type === 'identifier' && callee.text === name;
}

/** The single positional argument of `call`, or undefined when it has none, several or keywords. */
export function soleArgument(call: Node): Node | undefined {
  const args = callArguments(call);
  return args.length === 1 && positionalArguments(call).length === 1 ? args[0] : undefined;
}

/** Every function definition. Rules that use this exact string share one pattern in the query. */
export const functionQuery = '(function_definition name: (identifier) @name body: (block) @body) @function';

/**
 * What the structure rules (cyclomatic-complexity, too-deep-nesting, nested-loop-same-sequence)
 * read: statements that open a block, clauses and expressions that branch or loop, definitions.
 */
const structuralTypes = [
  'if_statement',
  'for_statement',
  'while_statement',
  'try_statement',
  'with_statement',
  'match_statement',
  'elif_clause',
  'else_clause',
  'except_clause',
  'case_clause',
  'conditional_expression',
  'boolean_operator',
  'for_in_clause',
  'if_clause',
  'assert_statement',
  'function_definition',
  'class_definition',
  'decorator',
  'lambda',
  ...comprehensionTypes,
];

export interface StructuralNode {
  node: Node;
  type: string;
  start: number;
  end: number;
}

const structureByTree = new WeakMap<Tree, readonly StructuralNode[]>();

/**
 * The structural nodes of a whole file in document order, found by one native search and shared
 * by the rules that need them: walking the tree once costs far less than once per function.
 */
export function structuralNodes(tree: Tree): readonly StructuralNode[] {
  let nodes = structureByTree.get(tree);
  if (!nodes) {
    nodes = tree.rootNode
      .descendantsOfType(structuralTypes)
      .filter((node): node is Node => !!node)
      .map((node) => ({ node, type: node.type, start: node.startIndex, end: node.endIndex }));
    structureByTree.set(tree, nodes);
  }
  return nodes;
}
