// Loops: the nearest one that evaluates a node once per iteration.
import type { Node } from 'web-tree-sitter';
import { scopeTypes } from './scopes';
import { isSameNode, maxAncestorSteps } from './statements';

export const comprehensionTypes: ReadonlySet<string> = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

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
