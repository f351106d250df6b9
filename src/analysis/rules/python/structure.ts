// The structure of a whole file, read once for the complexity and nesting rules.
import type { Node, Tree } from 'web-tree-sitter';
import { comprehensionTypes } from './loops';

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
