// The actions offered on a finding, as one group per diagnostic: its quick fix (an unsafe one
// says what it changes and is never preferred), "fix all of this rule in the file" (safe fixes
// only), "suppress on this line", "suppress in this file", "disable rule in settings", "show rule
// documentation", "explain" and "fix with the local model". They read the findings store and
// never analyze; while a review is pending (the text changed since the findings) none are
// offered, because their edits would apply to older text.
import * as vscode from 'vscode';
import type { Finding, TextEdit } from '../analysis/finding';
import { languageSupport, type LanguageSupport } from '../analysis/languages';
import { readEditorSettings, type EditorSettings } from './config';
import { disableRuleCommand } from './disableRule';
import { analysisLanguageOf, analysisLanguageOfFile } from './documentLanguage';
import { fileSuppressionEdit } from './fileSuppressionEdit';
import { isDiagnosticOf, toVscodeRange } from './findingDiagnostic';
import type { FileFindings, FindingsStore } from './findingsStore';
import { fixAllOfRule, quickFixTitle } from './fixEdits';
import { suppressionEdit, suppressionLine, type LineEdit, type SuppressionStyle } from './suppressionEdit';

export const explainCommand = 'llamaReview.explainFinding';
export const fixWithModelCommand = 'llamaReview.fixWithModel';
export const showDocumentationCommand = 'llamaReview.showRuleDocumentation';

export function workspaceEdit(uri: vscode.Uri, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const { range, newText } of edits) edit.replace(uri, toVscodeRange(range), newText);
  return edit;
}

export class FindingCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly store: FindingsStore) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const entry = this.store.forDocument(document);
    if (!entry) return [];
    const settings = readEditorSettings(document);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const finding = entry.findings.find((candidate) => isDiagnosticOf(diagnostic, candidate));
      if (finding) actions.push(...this.actionsFor(document, entry, finding, diagnostic, settings));
    }
    return actions;
  }

  private actionsFor(
    document: vscode.TextDocument,
    entry: FileFindings,
    finding: Finding,
    diagnostic: vscode.Diagnostic,
    settings: EditorSettings,
  ): vscode.CodeAction[] {
    const language = analysisLanguageOf(document);
    const actions = [this.quickFix(document, finding, diagnostic), this.fixAllOfRule(document, entry, finding, diagnostic)];
    if (settings.showSuppressAction) {
      // A document open under another language id still gets its file's comment syntax.
      const commentLanguage = language ?? analysisLanguageOfFile(document.uri);
      const support = commentLanguage ? languageSupport(commentLanguage) : undefined;
      actions.push(
        this.suppress(document, finding, diagnostic, settings.suppressionStyle, support),
        this.suppressInFile(document, finding, diagnostic, support),
        this.disableInSettings(finding, diagnostic),
      );
    }
    actions.push(this.showDocumentation(finding, diagnostic));
    if (language && languageSupport(language)?.modelReviewed) actions.push(this.explain(document, finding, diagnostic), this.fixWithModel(document, finding, diagnostic));
    return actions.filter((action): action is vscode.CodeAction => action !== undefined);
  }

  private quickFix(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
    if (!finding.fix) return undefined;
    const action = new vscode.CodeAction(quickFixTitle(finding.fix), vscode.CodeActionKind.QuickFix);
    action.edit = workspaceEdit(document.uri, finding.fix.edits);
    action.diagnostics = [diagnostic];
    // Preferred (applied by "auto fix") only where the fix keeps the program's meaning and the rule is sure of the finding.
    action.isPreferred = finding.fix.applicability === 'safe' && finding.confidence === 'high';
    return action;
  }

  private fixAllOfRule(document: vscode.TextDocument, entry: FileFindings, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
    const fixAll = fixAllOfRule(entry.findings, finding);
    if (!fixAll) return undefined;
    const action = new vscode.CodeAction(fixAll.title, vscode.CodeActionKind.QuickFix);
    action.edit = workspaceEdit(document.uri, fixAll.edits);
    action.diagnostics = [diagnostic];
    return action;
  }

  private suppress(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic, style: SuppressionStyle, language: LanguageSupport | undefined): vscode.CodeAction | undefined {
    const line = suppressionLine(finding);
    if (!language || line >= document.lineCount) return undefined;
    const lineEdit = suppressionEdit(finding, document.lineAt(line).text, style, language);
    return lineEdit && this.lineEditAction(`Suppress ${finding.ruleId} on this line`, document, lineEdit, diagnostic);
  }

  private suppressInFile(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic, language: LanguageSupport | undefined): vscode.CodeAction | undefined {
    if (!language) return undefined;
    const lines = Array.from({ length: document.lineCount }, (_, line) => document.lineAt(line).text);
    const lineEdit = fileSuppressionEdit(lines, finding.ruleId, language);
    return lineEdit && this.lineEditAction(`Suppress ${finding.ruleId} in this file`, document, lineEdit, diagnostic);
  }

  private lineEditAction(title: string, document: vscode.TextDocument, lineEdit: LineEdit, diagnostic: vscode.Diagnostic): vscode.CodeAction {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, new vscode.Range(lineEdit.line, lineEdit.startColumn, lineEdit.line, lineEdit.endColumn), lineEdit.text);
    action.diagnostics = [diagnostic];
    return action;
  }

  /** Plain text: menus show titles without Markdown. */
  private disableInSettings(finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction {
    const action = new vscode.CodeAction(`Disable rule "${finding.ruleId}" in settings`, vscode.CodeActionKind.QuickFix);
    action.command = { title: action.title, command: disableRuleCommand, arguments: [finding.ruleId] };
    action.diagnostics = [diagnostic];
    return action;
  }

  private showDocumentation(finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction {
    const action = new vscode.CodeAction(`Show documentation for ${finding.ruleId}`, vscode.CodeActionKind.QuickFix);
    action.command = { title: action.title, command: showDocumentationCommand, arguments: [finding.ruleId] };
    action.diagnostics = [diagnostic];
    return action;
  }

  private explain(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction {
    const action = new vscode.CodeAction(`Explain ${finding.ruleId} with the local model`, vscode.CodeActionKind.QuickFix);
    action.command = { title: action.title, command: explainCommand, arguments: [{ uri: document.uri, finding }] };
    action.diagnostics = [diagnostic];
    return action;
  }

  /** The model's rewrite opens as a diff to accept or reject; nothing is applied by the action itself. */
  private fixWithModel(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction {
    const action = new vscode.CodeAction(`Fix ${finding.ruleId} with the local model…`, vscode.CodeActionKind.QuickFix);
    action.command = { title: action.title, command: fixWithModelCommand, arguments: [{ uri: document.uri, finding }] };
    action.diagnostics = [diagnostic];
    return action;
  }
}
