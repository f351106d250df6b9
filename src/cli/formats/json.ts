// Machine-readable output: a flat array of findings with 1-based positions.
import type { FileReport } from './fileReport';
import { oneBased } from './fileReport';

export function formatJson(reports: readonly FileReport[]): string {
  const rows = reports.flatMap((report) =>
    report.findings.map((finding) => ({
      file: report.path,
      ...oneBased(finding),
      ruleId: finding.ruleId,
      aliases: finding.aliases,
      severity: finding.severity,
      confidence: finding.confidence,
      cwe: finding.cwe ?? null,
      message: finding.message,
      ...(finding.fix
        ? {
            fix: {
              title: finding.fix.title,
              edits: finding.fix.edits.map((edit) => ({
                line: edit.range.start.line + 1,
                column: edit.range.start.column + 1,
                endLine: edit.range.end.line + 1,
                endColumn: edit.range.end.column + 1,
                newText: edit.newText,
              })),
            },
          }
        : {}),
    })),
  );
  return JSON.stringify(rows, null, 2) + '\n';
}
