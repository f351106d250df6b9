// Scopes: the nodes that open one. A search for names or loops in "the same function" stops there.
import type { Node } from 'web-tree-sitter';

/**
 * Functions, classes and lambdas. A decorated definition counts too: a statement's parent block
 * is owned by it, not by the function inside, and its decorators belong to no loop around it.
 */
export const scopeTypes: ReadonlySet<string> = new Set(['function_definition', 'class_definition', 'lambda', 'decorated_definition']);

/** The nearest enclosing function, class or lambda (undefined at module level). Unbounded: call it for few nodes. */
export function enclosingScope(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (scopeTypes.has(current.type)) return current;
  }
  return undefined;
}
