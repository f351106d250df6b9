// Human-readable output: one line per finding, like compilers and Ruff print them; a taint
// finding's path follows it, one indented line per step.
import type { Finding } from '../../analysis/finding';
import type { FileReport } from './fileReport';
import { oneBased } from './fileReport';

function pathLines(report: FileReport, finding: Finding): string[] {
  return (finding.trace ?? []).map((step) => {
    const { line, column } = oneBased(step.range);
    const where = step.file && step.file !== report.path ? `${step.file}:${line}:${column}` : `${line}:${column}`;
    return `    ${where} ${step.label}`;
  });
}

export function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  let count = 0;
  for (const report of reports) {
    for (const finding of report.findings) {
      const { line, column } = oneBased(finding.range);
      const aliases = finding.aliases.length > 0 ? ` (${finding.aliases.join(', ')})` : '';
      const cwe = finding.cwe ? ` [CWE-${finding.cwe}]` : '';
      const fixable = finding.fix ? ' [fixable]' : '';
      lines.push(`${report.path}:${line}:${column}: ${finding.severity} ${finding.ruleId}${aliases}: ${finding.message}${cwe}${fixable}`);
      lines.push(...pathLines(report, finding));
      count++;
    }
  }
  const files = reports.length;
  lines.push(count === 0 ? `No findings in ${files} file${files === 1 ? '' : 's'}.` : `${count} finding${count === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}.`);
  return lines.join('\n') + '\n';
}
