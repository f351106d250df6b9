// The functions and classes around an offset. One finder for every caller: model prompts (the
// function to show), `explain`, and finding fingerprints (the names of the definitions a finding
// sits in). It walks down from the root through statements only: asking a node for its parent
// walks down from the root too, so walking up from a leaf costs the square of its depth.
import type { Node } from 'web-tree-sitter';

const definitionTypes = new Set(['function_definition', 'class_definition']);

/** Nodes whose children may be statements; a definition is never inside anything else. */
const statementHolders = new Set([
  'module', 'block', 'function_definition', 'class_definition', 'if_statement', 'elif_clause',
  'else_clause', 'for_statement', 'while_statement', 'try_statement', 'except_clause', 'except_group_clause',
  'finally_clause', 'with_statement', 'match_statement', 'case_clause', 'ERROR',
]);

/** The function and class definitions containing `offset` (UTF-16 code units, as `startIndex`), outermost first. */
export function enclosingDefinitions(root: Node, offset: number): Node[] {
  const found: Node[] = [];
  for (let node = root; ; ) {
    let child = node.firstNamedChildForIndex(offset);
    if (!child || child.startIndex > offset) return found;
    // A decorator belongs to the definition it decorates.
    if (child.type === 'decorated_definition') child = child.childForFieldName('definition') ?? child;
    if (definitionTypes.has(child.type)) found.push(child);
    if (!statementHolders.has(child.type) || child.startIndex > offset) return found;
    node = child;
  }
}

/** The innermost function containing `offset` (a method counts), or undefined at module or class level. */
export function innermostFunction(root: Node, offset: number): Node | undefined {
  return enclosingDefinitions(root, offset).filter((definition) => definition.type === 'function_definition').at(-1);
}

/** `Service.handle` for an offset inside method `handle` of class `Service`; '' at module level. */
export function enclosingDefinitionName(root: Node, offset: number): string {
  return enclosingDefinitions(root, offset)
    .map((definition) => definition.childForFieldName('name')?.text ?? '?')
    .join('.');
}
