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

function targetBinds(target: Node | null, name: string): boolean {
  if (!target) return false;
  if (target.type === 'identifier') return target.text === name;
  return destructuringTypes.has(target.type) && target.namedChildren.some((part) => part?.type === 'identifier' && part.text === name);
}

export interface Binding {
  statement: Node;
  /** The value assigned to the name itself; undefined when it comes out of unpacking. */
  value?: Node;
}

/** How `statement` binds `name`, when it is an assignment to it: `name = v`, `a = name = v`, `name, b = v`. */
export function bindingIn(statement: Node, name: string): Binding | undefined {
  if (statement.type !== 'expression_statement') return undefined;
  let assignment = statement.firstNamedChild;
  let binds = false;
  let unpacked = false;
  // `a = b = value` nests: each `right` is the next assignment until the value.
  while (assignment?.type === 'assignment') {
    const target = assignment.childForFieldName('left');
    if (targetBinds(target, name)) {
      binds = true;
      unpacked = target?.type !== 'identifier';
    }
    const right = assignment.childForFieldName('right');
    if (right?.type !== 'assignment') return binds && right ? { statement, value: unpacked ? undefined : right } : undefined;
    assignment = right;
  }
  return undefined;
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

/**
 * The nearest assignment to `name` before `node` in the same function (or module): the earlier
 * statements of each enclosing block, innermost first. Only the statement lists are read, never
 * whole subtrees, so this stays cheap in long functions.
 */
export function precedingBinding(node: Node, name: string, maxLevels = maxEnclosingStatements): Binding | undefined {
  for (const statement of enclosingStatements(node, maxLevels)) {
    for (let sibling = statement.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
      const binding = bindingIn(sibling, name);
      if (binding) return binding;
    }
  }
  return undefined;
}

/**
 * The statements after `node` in its block, then after each enclosing compound statement, up to
 * the scope. Unbounded, because fixes rely on seeing all of them: call it for few nodes.
 */
export function* followingStatements(node: Node): Generator<Node> {
  for (const statement of enclosingStatements(node, Number.POSITIVE_INFINITY)) {
    for (let sibling = statement.nextNamedSibling; sibling; sibling = sibling.nextNamedSibling) yield sibling;
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
