// "Review Selection / Function / File with the Local Model": a security review held to the code.
// The answer follows a JSON schema (model/reviewAnswer.ts); each item is verified against the
// reviewed lines and merged with the rules' findings (model/reviewOutcome.ts); what is left shows
// in a DiagnosticCollection of its own (source "Llama Review (model)") that a command clears.
// The log gets a line for every dropped item and a summary; the user a notice with the counts.
import * as vscode from 'vscode';
import type { Finding, Severity } from '../../analysis/finding';
import { errorMessage, ModelError } from '../../model/errors';
import { reviewPrompt, type LineSpan } from '../../model/prompts';
import { analysisLanguageOf } from '../documentLanguage';
import { reviewAnswerSchema, type ReviewAnswer } from '../../model/reviewAnswer';
import { reviewOutcome, type ReviewOutcome } from '../../model/reviewOutcome';
import { combinedOutcome, droppedItemLine, reviewNotice, reviewSummary } from '../../model/reviewReport';
import { toVscodeRange } from '../findingDiagnostic';
import type { FindingsStore } from '../findingsStore';
import { deleteDiagnosticsUnder, onFilesRemoved } from '../removedFiles';
import { cweUrl } from '../ruleDocsContent';
import { fileReviewSpans, functionAt, siblingHeaders } from './codeSpan';
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

/** The diagnostic's code is the weakness, linked to its CWE page. */
export function toModelDiagnostic(finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVscodeRange(finding.range), plainText(finding.message), severities[finding.severity]);
  diagnostic.source = modelDiagnosticSource;
  diagnostic.code = finding.cwe === undefined ? finding.ruleId : { value: `CWE-${finding.cwe}`, target: vscode.Uri.parse(cweUrl(finding.cwe)) };
  return diagnostic;
}

function linesLabel(span: LineSpan): string {
  return `lines ${span.startLine + 1}-${span.endLine + 1}`;
}

function within(line: number, spans: readonly LineSpan[]): boolean {
  return spans.some((span) => line >= span.startLine && line <= span.endLine);
}

interface SpanAnswer {
  span: LineSpan;
  answer: ReviewAnswer;
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
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async reviewSelection(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty) {
      void this.notices.show('info', 'Select the code to review, then run "Review Selection with the Local Model" again.');
      return;
    }
    const { start, end } = editor.selection;
    const endLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
    await this.review(editor.document, [{ startLine: start.line, endLine }]);
  }

  async reviewFunction(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const found = editor && (await functionAt(analysisLanguageOf(editor.document), editor.document.getText(), editor.selection.active.line, editor.selection.active.character).catch(() => undefined));
    if (!editor || !found) {
      void this.notices.show('info', 'Put the cursor inside a Python function, then run "Review Function with the Local Model" again.');
      return;
    }
    await this.review(editor.document, [found.span]);
  }

  /** The whole file when it is small, else function by function. */
  async reviewFile(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void this.notices.show('info', 'Open a Python file, then run "Review File with the Local Model" again.');
      return;
    }
    const spans = await fileReviewSpans(analysisLanguageOf(editor.document), editor.document.getText());
    if (spans.length === 0) {
      void this.notices.show('info', 'This file is too long to review at once and has no functions to review one by one. Select the code to review and run "Review Selection with the Local Model".');
      return;
    }
    await this.review(editor.document, spans);
  }

  /** Reviews each of `spans` and replaces the model diagnostics within them; resolves with what is shown there. */
  async review(document: vscode.TextDocument, spans: readonly LineSpan[]): Promise<Finding[] | undefined> {
    const text = document.getText();
    const version = document.version;
    const fileName = vscode.workspace.asRelativePath(document.uri);
    const answers: SpanAnswer[] = [];
    const unreadable: LineSpan[] = [];
    const title = spans.length > 1 ? `Reviewing ${fileName} with the local model, ${spans.length} functions…` : 'Reviewing with the local model…';
    try {
      await withModelProgress(title, async (signal) => {
        for (const span of spans) {
          const prompt = reviewPrompt({ fileName, text, span, siblingHeaders: await siblingHeaders(analysisLanguageOf(document), text, span) });
          try {
            const answer = await this.models.ask({ prompt, jsonSchema: reviewAnswerSchema(), signal });
            answers.push({ span, answer: answer.json as ReviewAnswer });
          } catch (error) {
            // In a review of several functions, an answer that breaks the format costs its function only.
            if (spans.length === 1 || !(error instanceof ModelError && error.kind === 'invalid-output')) throw error;
            this.log.warn(`Model review of ${fileName} ${linesLabel(span)}: ${errorMessage(error)}`);
            unreadable.push(span);
          }
        }
      });
    } catch (error) {
      void this.modelCommands.reportFailure(error, 'The model review');
      return undefined;
    }
    if (document.isClosed || document.version !== version) {
      void this.notices.show('info', 'The file changed during the model review, so its results were dropped. Run the review again.');
      return undefined;
    }
    const existing = this.store.forDocument(document)?.findings ?? [];
    const outcome = combinedOutcome(answers.map(({ span, answer }) => this.outcomeFor(answer, { text, span }, existing, `${fileName} ${linesLabel(span)}`)));
    const reviewed = answers.map((answered) => answered.span);
    const outside = (this.diagnostics.get(document.uri) ?? []).filter((diagnostic) => !within(diagnostic.range.start.line, reviewed));
    this.diagnostics.set(document.uri, [...outside, ...outcome.findings.map(toModelDiagnostic)]);
    const where = spans.length > 1 ? fileName : linesLabel(spans[0]);
    const skipped = unreadable.length > 0 ? ` The answers for ${unreadable.length} of ${spans.length} functions did not follow the expected format and were not used.` : '';
    void this.notices.show('info', `${reviewNotice(outcome, where)}${skipped}`);
    if (outcome.findings.length > 0) void vscode.commands.executeCommand('workbench.actions.view.problems');
    return outcome.findings;
  }

  /** One span's answer held to the code, with a log line for each item dropped and a summary. */
  private outcomeFor(answer: ReviewAnswer, code: { text: string; span: LineSpan }, existing: readonly Finding[], where: string): ReviewOutcome {
    const outcome = reviewOutcome(answer, code, existing);
    for (const dropped of outcome.dropped) this.log.debug(droppedItemLine(dropped));
    this.log.info(reviewSummary(outcome, where));
    return outcome;
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
