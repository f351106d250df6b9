// "Review Selection" / "Review Function" with the local model: the answer is constrained to a JSON
// schema, turned into findings, deduplicated against the parse-based findings, and shown in a
// DiagnosticCollection of its own (source "Llama Review (model)") that a command clears.
import * as vscode from 'vscode';
import type { Finding, Severity } from '../../analysis/finding';
import type { JsonSchema } from '../../model/jsonSchema';
import { reviewPrompt, type LineSpan } from '../../model/prompts';
import { reviewAnswerSchema, reviewFindings, type ReviewItem } from '../../model/reviewAnswer';
import { analysisLanguageOf } from '../documentLanguage';
import { toVscodeRange } from '../findingDiagnostic';
import { usableItems, withoutRepeats } from './answerText';
import type { FindingsStore } from '../findingsStore';
import { deleteDiagnosticsUnder, onFilesRemoved } from '../removedFiles';
import { functionAt } from './codeSpan';
import { spanAfterChanges } from './followEdits';
import type { ModelCommands } from './modelCommands';
import type { ModelService } from './modelService';
import { withModelProgress } from './progress';
import type { Notices } from './notices';
import { plainText } from '../plainText';

export const modelDiagnosticSource = 'Llama Review (model)';

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/**
 * The schema the grammar gets: the review schema without line bounds and length limits, which a
 * grammar does not enforce and which would turn one stray number or a long explanation into a
 * failed review. Lines outside the span are dropped and long texts shortened after parsing instead.
 */
function grammarSchema(span: LineSpan): JsonSchema {
  const schema = structuredClone(reviewAnswerSchema(span)) as { properties: { findings: { items: { properties: Record<string, JsonSchema> } } } };
  const item = schema.properties.findings.items.properties;
  item.line = { type: 'integer' };
  item.title = { type: 'string' };
  item.explanation = { type: 'string' };
  return schema as unknown as JsonSchema;
}

export function toModelDiagnostic(finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVscodeRange(finding.range), plainText(finding.message), severities[finding.severity]);
  diagnostic.source = modelDiagnosticSource;
  diagnostic.code = finding.ruleId;
  return diagnostic;
}

export class ModelReviewer implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('llama-review-model');
  private readonly closed = vscode.workspace.onDidCloseTextDocument((document) => this.diagnostics.delete(document.uri));
  // An open file stays open when its folder is deleted; its model findings must not outlive the file.
  private readonly removed = onFilesRemoved((uri) => deleteDiagnosticsUnder(this.diagnostics, uri));
  private readonly edited = vscode.workspace.onDidChangeTextDocument((event) => this.followEdits(event));

  constructor(
    private readonly models: ModelService,
    private readonly modelCommands: ModelCommands,
    private readonly store: FindingsStore,
    private readonly notices: Notices,
  ) {}

  async reviewSelection(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty) {
      void this.notices.show('info', 'Select the code to review, then run "Review Selection with the Local Model" again.');
      return;
    }
    const { start, end } = editor.selection;
    const endLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
    await this.review(editor.document, { startLine: start.line, endLine });
  }

  async reviewFunction(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const found = editor && (await functionAt(analysisLanguageOf(editor.document), editor.document.getText(), editor.selection.active.line, editor.selection.active.character).catch(() => undefined));
    if (!editor || !found) {
      void this.notices.show('info', 'Put the cursor inside a Python function, then run "Review Function with the Local Model" again.');
      return;
    }
    await this.review(editor.document, found.span);
  }

  /** Reviews `span` and replaces the model diagnostics within it; resolves with what is shown there. */
  async review(document: vscode.TextDocument, span: LineSpan): Promise<Finding[] | undefined> {
    const text = document.getText();
    const version = document.version;
    const prompt = reviewPrompt({ fileName: vscode.workspace.asRelativePath(document.uri), text, span });
    let answer;
    try {
      answer = await withModelProgress('Reviewing with the local model…', (signal) => this.models.ask({ prompt, jsonSchema: grammarSchema(span), signal }));
    } catch (error) {
      void this.modelCommands.reportFailure(error, 'The model review');
      return undefined;
    }
    if (document.isClosed || document.version !== version) {
      void this.notices.show('info', 'The file changed during the model review, so its results were dropped. Run the review again.');
      return undefined;
    }
    const items = usableItems((answer.json as { findings: ReviewItem[] }).findings, span);
    const found = withoutRepeats(reviewFindings({ findings: items }, text), this.store.forDocument(document)?.findings ?? []);
    const outside = (this.diagnostics.get(document.uri) ?? []).filter((diagnostic) => diagnostic.range.start.line < span.startLine || diagnostic.range.start.line > span.endLine);
    this.diagnostics.set(document.uri, [...outside, ...found.map(toModelDiagnostic)]);
    if (found.length === 0) void this.notices.show('info', `The local model found no problems in lines ${span.startLine + 1}-${span.endLine + 1} beyond those already reported.`);
    else void vscode.commands.executeCommand('workbench.actions.view.problems');
    return found;
  }

  /** Moves the document's model diagnostics with its edits; drops those whose text was edited. */
  private followEdits(event: vscode.TextDocumentChangeEvent): void {
    const shown = this.diagnostics.get(event.document.uri);
    if (!shown || shown.length === 0 || event.contentChanges.length === 0) return;
    const kept: vscode.Diagnostic[] = [];
    for (const diagnostic of shown) {
      const moved = spanAfterChanges(diagnostic.range, event.contentChanges);
      if (!moved) continue;
      const copy = new vscode.Diagnostic(new vscode.Range(moved.start.line, moved.start.character, moved.end.line, moved.end.character), diagnostic.message, diagnostic.severity);
      copy.source = diagnostic.source;
      copy.code = diagnostic.code;
      kept.push(copy);
    }
    this.diagnostics.set(event.document.uri, kept);
  }

  clear(): void {
    this.diagnostics.clear();
  }

  dispose(): void {
    this.closed.dispose();
    this.removed.dispose();
    this.edited.dispose();
    this.diagnostics.dispose();
  }
}
