// `--fix`: every safe fix (and, with --unsafe-fixes, every unsafe one) that overlaps no other goes
// in at once; the file is analyzed again and the fixes that had to wait go in next, until none are
// left (or a bound is reached). Edits apply to the text as read, with its own line breaks, so
// nothing outside an edit changes.
import type { AnalysisResult } from '../analysis/engine';
import type { TextEdit } from '../analysis/finding';
import { fixesToApply, type FixSelection } from '../analysis/fixes';
import { dominantLineBreak, withLineBreak } from '../analysis/lineBreaks';
import { applyEdits } from '../analysis/textEdits';

/** Enough for fixes that wait on each other; a fix that keeps re-finding its own work stops here. */
export const maxFixRounds = 10;

export interface FixedText {
  text: string;
  applied: number;
  /** The analysis of `text`. */
  result: AnalysisResult;
  /** Set when a round was rolled back: its fixes would have broken the file's syntax. */
  rolledBack?: string;
}

export function fixUntilStable(text: string, analyze: (text: string) => AnalysisResult, selection: FixSelection): FixedText {
  const lineBreak = dominantLineBreak(text);
  let result = analyze(text);
  let applied = 0;
  for (let round = 0; round < maxFixRounds && !result.skipped; round++) {
    const fixes = fixesToApply(result.findings.flatMap((finding) => (finding.fix ? [finding.fix] : [])), selection);
    if (fixes.length === 0) break;
    const edits: TextEdit[] = fixes.flatMap((fix) => fix.edits.map((edit) => ({ range: edit.range, newText: withLineBreak(edit.newText, lineBreak) })));
    const next = applyEdits(text, edits);
    const nextResult = analyze(next);
    if (nextResult.skipped || (nextResult.hasSyntaxErrors && !result.hasSyntaxErrors)) {
      const titles = [...new Set(fixes.map((fix) => fix.title))].join('; ');
      return { text, applied, result, rolledBack: `these fixes would have left a syntax error, so they were not applied: ${titles}` };
    }
    text = next;
    result = nextResult;
    applied += fixes.length;
  }
  return { text, applied, result };
}
