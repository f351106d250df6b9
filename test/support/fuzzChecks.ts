// What the fuzz test and `npm run fuzz` check on every generated file: positions inside the text
// (lines as VS Code counts them), and fixes that leave every character outside their edits alone.
import type { AnalysisResult } from '../../src/analysis/engine';
import type { Finding, TextEdit } from '../../src/analysis/finding';
import { nonOverlappingFixes } from '../../src/analysis/fixes';
import { lineStarts } from '../../src/analysis/lineStarts';
import { applyEdits } from '../../src/analysis/textEdits';

/** Lengths of the lines of `text`, line breaks left out. */
function lineLengths(text: string): number[] {
  const starts = lineStarts(text);
  return starts.map((start, index) => {
    const end = index + 1 < starts.length ? starts[index + 1] : text.length;
    const content = text.slice(start, end);
    return content.endsWith('\r\n') ? content.length - 2 : /[\r\n]$/.test(content) ? content.length - 1 : content.length;
  });
}

/** Problems with a result's positions: each finding and edit inside the text, start before end. */
export function positionProblems(text: string, findings: readonly Finding[]): string[] {
  const lengths = lineLengths(text);
  const problems: string[] = [];
  const check = (label: string, range: Finding['range']) => {
    for (const position of [range.start, range.end]) {
      if (position.line < 0 || position.line >= lengths.length || position.column < 0 || position.column > lengths[position.line]) {
        problems.push(`${label}: ${position.line}:${position.column} is outside the text`);
      }
    }
    if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.column > range.end.column)) problems.push(`${label}: ends before it starts`);
  };
  for (const finding of findings) {
    check(finding.ruleId, finding.range);
    for (const edit of finding.fix?.edits ?? []) check(`${finding.ruleId} fix`, edit.range);
  }
  return problems;
}

/** The text with every fix that overlaps no other applied, and the edits it took. */
export function applyNonOverlappingFixes(text: string, result: AnalysisResult): { text: string; edits: TextEdit[] } | undefined {
  const fixes = nonOverlappingFixes(result.findings.flatMap((finding) => (finding.fix ? [finding.fix] : [])));
  if (fixes.length === 0) return undefined;
  const edits = fixes.flatMap((fix) => fix.edits);
  return { text: applyEdits(text, edits), edits };
}

/** Does `fixed` equal `original` outside the edits (as offsets), edit by edit? */
export function changedOnlyInEdits(original: string, fixed: string, edits: readonly TextEdit[]): boolean {
  const starts = lineStarts(original);
  const offset = (position: TextEdit['range']['start']) => Math.min(original.length, (starts[Math.min(position.line, starts.length - 1)] ?? 0) + position.column);
  const spans = edits.map((edit) => ({ start: offset(edit.range.start), end: offset(edit.range.end), newText: edit.newText })).sort((a, b) => a.start - b.start);
  let originalAt = 0;
  let fixedAt = 0;
  for (const span of spans) {
    const kept = original.slice(originalAt, span.start);
    if (fixed.slice(fixedAt, fixedAt + kept.length) !== kept) return false;
    fixedAt += kept.length;
    if (fixed.slice(fixedAt, fixedAt + span.newText.length) !== span.newText) return false;
    fixedAt += span.newText.length;
    originalAt = span.end;
  }
  return fixed.slice(fixedAt) === original.slice(originalAt);
}
