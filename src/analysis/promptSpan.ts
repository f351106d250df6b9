// The lines a model prompt about a position shows: the function around it, decorators included
// (found in the parse tree, so nested and decorated functions come out right), or a window of
// lines at module level and in a function too long to send whole. The CLI's explain and the
// editor's chat and model commands use this one rule.
import type { Node } from 'web-tree-sitter';
import { innermostFunction } from './enclosingDefinition';
import type { Position } from './finding';
import { lineStarts, offsetAt } from './lineStarts';

export interface LineSpan {
  startLine: number;
  endLine: number;
}

/** Lines either side of a position outside any function (or inside a very long one). */
export const promptWindowLines = 8;
/** Longer functions are shown as a window around the position. */
export const longestFunctionShown = 150;

export function promptSpanAt(root: Node, text: string, position: Position): LineSpan {
  const definition = innermostFunction(root, offsetAt(lineStarts(text), position));
  const node = definition?.parent?.type === 'decorated_definition' ? definition.parent : definition;
  if (node && node.endPosition.row - node.startPosition.row <= longestFunctionShown) return { startLine: node.startPosition.row, endLine: node.endPosition.row };
  return windowAround(text, position.line);
}

export function windowAround(text: string, line: number): LineSpan {
  const lastLine = Math.max(0, lineStarts(text).length - 1);
  return { startLine: Math.max(0, line - promptWindowLines), endLine: Math.min(lastLine, line + promptWindowLines) };
}
