// Which fixes of one text go in together. Shared by the CLI's --fix and the editor's fix-all,
// so both apply the same set: the safe fixes (and the unsafe ones only when asked for), every one
// that overlaps none taken before it, each whole or not at all. Fixes that wait are picked up once
// the text has been analyzed again.
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

/** Whether unsafe fixes go in too: `--unsafe-fixes`; never for the editor's fix-all. */
export interface FixSelection {
  includeUnsafe: boolean;
}

/** Would a run with this selection apply `fix`? Safe fixes always; unsafe ones only when included. */
export function isApplied(fix: Fix, selection: FixSelection): boolean {
  return fix.applicability === 'safe' || selection.includeUnsafe;
}

/** The fixes one round applies: those the selection allows, then every one that clashes with none before it. */
export function fixesToApply(fixes: readonly Fix[], selection: FixSelection): Fix[] {
  return nonOverlappingFixes(fixes.filter((fix) => isApplied(fix, selection)));
}
