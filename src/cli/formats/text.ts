// Human-readable output: one line per finding, like compilers and Ruff print them; a taint
// finding's path follows it, one indented line per step.
import type { Finding } from '../../analysis/finding';
import { isApplied, type FixSelection } from '../../analysis/fixes';
import type { FileReport } from './fileReport';
import { oneBased } from './fileReport';
import { verdictText, type VerdictLookup } from './verdicts';

function pathLines(report: FileReport, finding: Finding): string[] {
  return (finding.trace ?? []).map((step) => {
    const { line, column } = oneBased(step.range);
    const where = step.file && step.file !== report.path ? `${step.file}:${line}:${column}` : `${line}:${column}`;
    return `    ${where} ${step.label}`;
  });
}

/** `[fixable]` where --fix (with these flags) would apply the fix; an unsafe one it would leave is named as such. */
function fixMark(finding: Finding, selection: FixSelection): string {
  if (!finding.fix) return '';
  return isApplied(finding.fix, selection) ? ' [fixable]' : ' [unsafe fix available]';
}

export function formatText(reports: readonly FileReport[], selection: FixSelection = { includeUnsafe: false }, verdicts?: VerdictLookup): string {
  const lines: string[] = [];
  let count = 0;
  for (const report of reports) {
    for (const finding of report.findings) {
      const { line, column } = oneBased(finding.range);
      const aliases = finding.aliases.length > 0 ? ` (${finding.aliases.join(', ')})` : '';
      const cwe = finding.cwe ? ` [CWE-${finding.cwe}]` : '';
      const verdict = verdicts?.(finding);
      const triage = verdict ? ` [${verdictText(verdict)}]` : '';
      lines.push(`${report.path}:${line}:${column}: ${finding.severity} ${finding.ruleId}${aliases}: ${finding.message}${cwe}${fixMark(finding, selection)}${triage}`);
      lines.push(...pathLines(report, finding));
      count++;
    }
  }
  // A skipped file was not reviewed: say so next to the findings, not only on standard error.
  const skipped = reports.filter((report) => report.skipped);
  for (const report of skipped) lines.push(`${report.path}: ${report.skipped}`);
  const files = reports.length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary = count === 0 ? `No findings in ${plural(files, 'file')}` : `${plural(count, 'finding')} in ${plural(files, 'file')}`;
  lines.push(skipped.length > 0 ? `${summary}; ${skipped.length} not reviewed (skipped).` : `${summary}.`);
  return lines.join('\n') + '\n';
}
