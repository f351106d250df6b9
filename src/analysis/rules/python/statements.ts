// Statements: the one that holds a node, the compound statements around it, and the statements
// before and after it in its block, each block read once per tree.
import type { Node, Tree } from 'web-tree-sitter';
import { scopeTypes } from './scopes';

const statementParents = new Set(['block', 'module']);

/**
 * How far the upward searches below may climb. Nodes do not store their parent: each step up
 * walks down again from the root, so climbing without a bound from every match would cost the
 * cube of the nesting depth in pathological files. Real code needs far fewer steps than these.
 */
export const maxAncestorSteps = 48;
export const maxEnclosingStatements = 12;

export function isSameNode(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return !!a && !!b && a.id === b.id;
}

export function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
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
export interface BlockStatements {
  siblings: Node[];
  indexById: Map<number, number>;
}
const siblingsByTree = new WeakMap<Tree, Map<number, BlockStatements>>();

/** The named siblings of `node` (comments included) and its index among them. */
export function namedSiblings(node: Node): { block: BlockStatements; index: number } | undefined {
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

