// Finding <-> vscode.Diagnostic. A diagnostic's code links to the rule's offline documentation;
// a taint finding lists every step of its path as related information (in the hover and as
// children in the Problems panel), each a link to its line. Both show text as it is, so messages
// and step labels lose their Markdown code spans here (the findings themselves keep them).
import * as vscode from 'vscode';
import type { Finding, Range, Severity, TraceStep } from '../analysis/finding';
import { plainText } from './plainText';
import { ruleDocumentationUri } from './ruleDocs';

export const diagnosticSource = 'Llama Review';
/** Code of the notice shown instead of findings when a file was not analyzed. */
export const skippedNoticeCode = 'file-skipped';

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Analysis ranges are 0-based lines and UTF-16 columns, exactly VS Code's positions. */
export function toVscodeRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.column, range.end.line, range.end.column);
}

/** Where a step is: its own file (same scheme and authority as the document, for remote windows) or the document. */
function stepUri(document: vscode.Uri, step: TraceStep): vscode.Uri {
  return step.file ? document.with({ path: vscode.Uri.file(step.file).path, query: '', fragment: '' }) : document;
}

function relatedSteps(document: vscode.Uri, trace: readonly TraceStep[]): vscode.DiagnosticRelatedInformation[] {
  return trace.map((step, index) => new vscode.DiagnosticRelatedInformation(new vscode.Location(stepUri(document, step), toVscodeRange(step.range)), `${index + 1}. ${plainText(step.label)}`));
}

/** `note`: what the model's triage said of it, shown after the message (in the hover and the Problems panel). */
export function toDiagnostic(finding: Finding, document: vscode.Uri, note?: string): vscode.Diagnostic {
  const message = plainText(finding.message) + (note ? ` (${note})` : '');
  const diagnostic = new vscode.Diagnostic(toVscodeRange(finding.range), message, severities[finding.severity]);
  diagnostic.source = diagnosticSource;
  diagnostic.code = { value: finding.ruleId, target: ruleDocumentationUri(finding.ruleId, finding) };
  if (finding.trace?.length) diagnostic.relatedInformation = relatedSteps(document, finding.trace);
  return diagnostic;
}

/** One information diagnostic at the top of the file, so a skipped file says so in the Problems panel. */
export function skippedNotice(message: string): vscode.Diagnostic {
  const notice = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), `Llama Review: ${message}`, vscode.DiagnosticSeverity.Information);
  notice.source = diagnosticSource;
  notice.code = skippedNoticeCode;
  return notice;
}

export function diagnosticRuleId(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== diagnosticSource) return undefined;
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : undefined;
}

/** Code actions receive copies of diagnostics, so a finding is recognised by rule and range. */
export function isDiagnosticOf(diagnostic: vscode.Diagnostic, finding: Finding): boolean {
  return diagnosticRuleId(diagnostic) === finding.ruleId && diagnostic.range.isEqual(toVscodeRange(finding.range));
}
