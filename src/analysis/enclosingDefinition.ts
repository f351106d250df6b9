// The functions and classes around a position, found by walking up from the node there. One finder
// for every caller: model prompts (the function to show), `explain` and finding fingerprints (the
// names of the definitions a finding sits in).
import type { Node } from 'web-tree-sitter';
import type { Position } from './finding';

const definitionTypes = new Set(['function_definition', 'class_definition']);

/** The function and class definitions containing `position`, innermost first. */
export function* enclosingDefinitions(root: Node, position: Position): Generator<Node> {
  for (let node: Node | null = root.descendantForPosition({ row: position.line, column: position.column }); node; node = node.parent) {
    if (definitionTypes.has(node.type)) yield node;
  }
}

/** The innermost function containing `position` (a method counts), or undefined at module or class level. */
export function innermostFunction(root: Node, position: Position): Node | undefined {
  for (const definition of enclosingDefinitions(root, position)) if (definition.type === 'function_definition') return definition;
  return undefined;
}

/** `Service.handle` for a position inside method `handle` of class `Service`; '' at module level. */
export function enclosingDefinitionName(root: Node, position: Position): string {
  const names = [...enclosingDefinitions(root, position)].map((definition) => definition.childForFieldName('name')?.text ?? '?');
  return names.reverse().join('.');
}
