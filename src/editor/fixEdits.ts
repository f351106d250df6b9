// Many findings' fixes as one edit ("fix all of this rule in the file"), chosen as the CLI's --fix
// chooses them: two fixes that touch the same text cannot both apply, so the later one waits for
// the next round. No `vscode` import.
import type { Fix, TextEdit } from '../analysis/finding';
import { nonOverlappingFixes } from '../analysis/fixes';

/** The edits of every fix that overlaps none taken before it; a fix's edits go in together or not at all. */
export function combineFixes(fixes: readonly Fix[]): TextEdit[] {
  return nonOverlappingFixes(fixes).flatMap((fix) => fix.edits);
}
