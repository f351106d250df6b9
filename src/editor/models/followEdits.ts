// Model review findings are computed once, not on every keystroke. When the text changes they
// follow it: ranges below an edit move with the lines inserted or removed, and a finding whose
// own text was edited is dropped, since the model said nothing about the new text.

export interface TextPosition {
  line: number;
  character: number;
}

export interface TextSpan {
  start: TextPosition;
  end: TextPosition;
}

export interface TextChange {
  /** The replaced range, in the text as it was before this change. */
  range: TextSpan;
  /** The new text. */
  text: string;
}

function before(a: TextPosition, b: TextPosition): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function lineBreaks(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

/** Where `span` is after `changes` (applied in order), or undefined when one of them edits it. */
export function spanAfterChanges(span: TextSpan, changes: readonly TextChange[]): TextSpan | undefined {
  let current = span;
  for (const change of changes) {
    if (before(current.end, change.range.start)) continue; // the edit is after it
    if (change.range.end.line < current.start.line) {
      const shift = lineBreaks(change.text) - (change.range.end.line - change.range.start.line);
      current = {
        start: { line: current.start.line + shift, character: current.start.character },
        end: { line: current.end.line + shift, character: current.end.character },
      };
      continue;
    }
    return undefined;
  }
  return current;
}
