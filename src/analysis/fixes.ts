// Which fixes of one text can go in together. Shared by the CLI's --fix and the editor's fix-all,
// so both apply the same set: every fix that overlaps none taken before it, each whole or not at
// all. Fixes that wait are picked up once the text has been analyzed again.
import type { Fix, Position, Range } from './finding';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

function isEmpty(range: Range): boolean {
  return !before(range.start, range.end);
}

/** Edits that share text, or insert at the same point (which would stack two insertions). */
export function rangesClash(a: Range, b: Range): boolean {
  if (isEmpty(a) && isEmpty(b)) return a.start.line === b.start.line && a.start.column === b.start.column;
  return before(a.start, b.end) && before(b.start, a.end);
}

/** Every fix that clashes with none taken before it, in the order given. */
export function nonOverlappingFixes(fixes: readonly Fix[]): Fix[] {
  const taken: Fix[] = [];
  const ranges: Range[] = [];
  for (const fix of fixes) {
    if (fix.edits.some((edit) => ranges.some((range) => rangesClash(edit.range, range)))) continue;
    taken.push(fix);
    ranges.push(...fix.edits.map((edit) => edit.range));
  }
  return taken;
}
