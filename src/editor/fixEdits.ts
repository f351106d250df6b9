// Many findings' fixes as one edit ("fix all of this rule in the file"). Two fixes that touch the
// same text cannot both apply, so the later one waits for the next round. No `vscode` import.
import type { Fix, Position, Range, TextEdit } from '../analysis/finding';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

function overlaps(a: Range, b: Range): boolean {
  return before(a.start, b.end) && before(b.start, a.end);
}

/** The edits of every fix that overlaps none taken before it; a fix's edits go in together or not at all. */
export function combineFixes(fixes: readonly Fix[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const fix of fixes) {
    const clashes = fix.edits.some((edit) => taken.some((other) => overlaps(edit.range, other.range)));
    if (!clashes) taken.push(...fix.edits);
  }
  return taken;
}
