// Applying text edits to a string, for the CLI's fixes and for tests. Lines end at `\r\n`, `\r`
// or `\n`, as VS Code and the analysis count them.
import type { Position, TextEdit } from './finding';
import { lineStarts } from './lineStarts';

export function offsetAt(starts: number[], textLength: number, position: Position): number {
  const lineStart = starts[Math.min(position.line, starts.length - 1)] ?? 0;
  return Math.min(textLength, lineStart + position.column);
}

/** Applies non-overlapping edits; later edits first so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const resolved = edits
    .map((edit) => ({
      start: offsetAt(starts, text.length, edit.range.start),
      end: offsetAt(starts, text.length, edit.range.end),
      newText: edit.newText,
    }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let previousStart = Number.POSITIVE_INFINITY;
  for (const edit of resolved) {
    if (edit.end > previousStart) throw new Error('Overlapping edits cannot be applied together.');
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    previousStart = edit.start;
  }
  return result;
}
