// GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding, which
// the runner shows as an annotation on the file and line in the pull request.
import type { Severity } from '../../analysis/finding';
import type { FileReport } from './fileReport';
import { oneBased } from './fileReport';
import { verdictText, type VerdictLookup } from './verdicts';

const level: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** A command's message: `%` first, so the escapes that follow are not escaped again. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: as data, and `:` and `,` too, which end a value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, properties: Record<string, string | number>, message: string): string {
  const list = Object.entries(properties).map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  return `::${name} ${list.join(',')}::${escapeData(message)}`;
}

export function formatGithub(reports: readonly FileReport[], verdicts?: VerdictLookup): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const finding of report.findings) {
      const { line, column, endLine, endColumn } = oneBased(finding.range);
      const verdict = verdicts?.(finding);
      const message = verdict ? `${finding.message} (${verdictText(verdict)})` : finding.message;
      lines.push(command(level[finding.severity], { file: report.path, line, col: column, endLine, endColumn, title: finding.ruleId }, message));
    }
    // A skipped file was not reviewed: a warning on it, so the run does not look clean.
    if (report.skipped) lines.push(command('warning', { file: report.path, title: report.skipReason ? `skipped/${report.skipReason}` : 'skipped' }, report.skipped));
  }
  return lines.map((line) => `${line}\n`).join('');
}
