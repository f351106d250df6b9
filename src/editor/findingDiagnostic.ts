// Finding <-> vscode.Diagnostic. A diagnostic's code links to the rule's offline documentation.
import * as vscode from 'vscode';
import type { Finding, Range, Severity } from '../analysis/finding';
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

export function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVscodeRange(finding.range), finding.message, severities[finding.severity]);
  diagnostic.source = diagnosticSource;
  diagnostic.code = { value: finding.ruleId, target: ruleDocumentationUri(finding.ruleId) };
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
