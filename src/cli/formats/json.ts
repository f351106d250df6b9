// Machine-readable output: a flat array of findings with 1-based positions, and for taint
// findings the path from the source to the sink.
import type { FileReport } from './fileReport';
import { oneBased } from './fileReport';
import { verdictProperties, type FindingVerdict, type VerdictLookup } from './verdicts';

function withVerdict(verdict: FindingVerdict | undefined) {
  return verdict ? { triage: verdictProperties(verdict) } : {};
}

export function formatJson(reports: readonly FileReport[], verdicts?: VerdictLookup): string {
  const rows = reports.flatMap((report) =>
    report.findings.map((finding) => ({
      file: report.path,
      ...oneBased(finding.range),
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
              applicability: finding.fix.applicability,
              ...(finding.fix.applicability === 'unsafe' ? { changes: finding.fix.changes } : {}),
              edits: finding.fix.edits.map((edit) => ({ ...oneBased(edit.range), newText: edit.newText })),
            },
          }
        : {}),
      ...(finding.trace
        ? { trace: finding.trace.map((step) => ({ file: step.file ?? report.path, ...oneBased(step.range), kind: step.kind, label: step.label })) }
        : {}),
      ...withVerdict(verdicts?.(finding)),
    })),
  );
  return JSON.stringify(rows, null, 2) + '\n';
}
