// Where a syntax node is, as a finding's range: the same for every tree-sitter grammar.
import type { Node } from 'web-tree-sitter';
import type { Range } from './finding';

export function rangeOf(node: Node): Range {
  return {
    start: { line: node.startPosition.row, column: node.startPosition.column },
    end: { line: node.endPosition.row, column: node.endPosition.column },
  };
}
