// SARIF 2.1.0 as GitHub code scanning reads it: rules with help text and CWE tags, results with
// regions, security-severity for security rules, and for taint findings a code flow with one
// location per step of the path. Locations are relative to `%SRCROOT%`, which the run defines as
// the scanned root (see sourceRoot.ts); files outside it have absolute `file:` URIs.
import type { Finding, Range, RuleMeta, Severity, TraceStep } from '../../analysis/finding';
import { allRules } from '../../analysis/rules';
import { folderUri } from '../pathNames';
import type { FileReport } from './fileReport';
import { oneBased } from './fileReport';
import { sarifVerdict, type VerdictLookup } from './verdicts';

const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
/** GitHub maps security-severity to critical/high/medium/low; these are our defaults per severity. */
const securitySeverity: Record<Severity, string> = { error: '8.0', warning: '6.0', info: '3.0', hint: '2.0' };

function sarifRule(meta: RuleMeta) {
  const tags: string[] = [meta.category];
  if (meta.cwe) tags.push(`external/cwe/cwe-${meta.cwe}`);
  const aliases = meta.aliases.length > 0 ? `\n\nAlso known as: ${meta.aliases.join(', ')}.` : '';
  return {
    id: meta.id,
    name: meta.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ? next.toUpperCase() : '')),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.why },
    help: {
      text: `${meta.why}\n\nDo instead: ${meta.doInstead}${aliases}`,
      markdown: `${meta.why}\n\n**Do instead:** ${meta.doInstead}${aliases}`,
    },
    defaultConfiguration: { level: sarifLevel[meta.severity] },
    properties: {
      tags,
      precision: meta.confidence === 'high' ? 'high' : meta.confidence === 'medium' ? 'medium' : 'low',
      ...(meta.category === 'security' ? { 'security-severity': securitySeverity[meta.severity] } : {}),
    },
  };
}

/** The file's URI reference: the CLI's byte-exact one, else the shown path encoded. */
function uriOf(report: FileReport): string {
  return report.uri ?? encodeURI(report.path);
}

/** A relative reference is read against the root; an absolute URI (it has a scheme) stands alone. */
function artifactLocation(uri: string) {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri) ? { uri } : { uri, uriBaseId: '%SRCROOT%' };
}

function physicalLocation(uri: string, range: Range) {
  const { line, column, endLine, endColumn } = oneBased(range);
  return {
    artifactLocation: artifactLocation(uri),
    region: { startLine: line, startColumn: column, endLine, endColumn },
  };
}

/** threadFlowLocation kinds (SARIF lists `taint`, `call` and `return`; the list is open). */
const stepKinds: Record<TraceStep['kind'], string[]> = {
  source: ['taint', 'source'],
  step: ['taint'],
  call: ['call'],
  return: ['return'],
  sink: ['taint', 'sink'],
};

function codeFlow(report: FileReport, trace: readonly TraceStep[]) {
  const stepUri = (step: TraceStep) => (step.file ? (report.traceUris?.[step.file] ?? encodeURI(step.file)) : uriOf(report));
  return {
    threadFlows: [
      {
        locations: trace.map((step, index) => ({
          location: { physicalLocation: physicalLocation(stepUri(step), step.range), message: { text: step.label } },
          kinds: stepKinds[step.kind],
          executionOrder: index + 1,
        })),
      },
    ],
  };
}

function sarifResult(report: FileReport, finding: Finding, ruleIndex: number, verdicts?: VerdictLookup) {
  const verdict = verdicts?.(finding);
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: sarifLevel[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: physicalLocation(uriOf(report), finding.range) }],
    // Code scanning follows an alert across line moves by its partial fingerprints (see fingerprint.ts).
    ...(finding.contentFingerprint ? { partialFingerprints: { 'llamaReviewContent/v1': finding.contentFingerprint } } : {}),
    ...(finding.trace && finding.trace.length > 0 ? { codeFlows: [codeFlow(report, finding.trace)] } : {}),
    ...(verdict ? sarifVerdict(verdict) : {}),
  };
}

/** `sourceRoot`: the absolute folder the reports' URIs are relative to; `verdicts`: a model's triage of the findings. */
export function formatSarif(reports: readonly FileReport[], toolVersion: string, sourceRoot?: string, verdicts?: VerdictLookup): string {
  const rules = allRules().map((rule) => rule.meta);
  const ruleIndex = new Map(rules.map((meta, index) => [meta.id, index]));
  const results = reports.flatMap((report) =>
    report.findings.filter((finding) => ruleIndex.has(finding.ruleId)).map((finding) => sarifResult(report, finding, ruleIndex.get(finding.ruleId)!, verdicts)),
  );
  const notifications = reports
    .filter((report) => report.skipped)
    .map((report) => ({
      level: 'warning',
      message: { text: `${report.path}: ${report.skipped}` },
      ...(report.skipReason ? { descriptor: { id: `skipped/${report.skipReason}` } } : {}),
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(uriOf(report)) } }],
    }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'llama-review',
            version: toolVersion,
            rules: rules.map(sarifRule),
          },
        },
        ...(sourceRoot ? { originalUriBaseIds: { '%SRCROOT%': { uri: folderUri(sourceRoot) } } } : {}),
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
