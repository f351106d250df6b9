// "Explain this finding": the chat view answers once it registers itself here. Until then, and
// whenever no explainer is available, the command says so and offers the rule's documentation,
// which is what a model's answer is grounded in anyway.
import * as vscode from 'vscode';
import type { Finding } from '../analysis/finding';
import { isDiagnosticOf } from './findingDiagnostic';
import type { FindingsStore } from './findingsStore';
import { showRuleDocumentation } from './ruleDocs';

export interface ExplainRequest {
  uri: vscode.Uri;
  finding: Finding;
}

export type FindingExplainer = (request: ExplainRequest) => Thenable<void>;

function isExplainRequest(value: unknown): value is ExplainRequest {
  const candidate = value as Partial<ExplainRequest> | undefined;
  return !!candidate && candidate.uri instanceof vscode.Uri && typeof candidate.finding?.ruleId === 'string';
}

export class ExplainFindingCommand {
  private explainer: FindingExplainer | undefined;

  constructor(private readonly store: FindingsStore) {}

  /** The chat view calls this when it can answer; disposing the result withdraws it. */
  setExplainer(explainer: FindingExplainer): vscode.Disposable {
    this.explainer = explainer;
    return new vscode.Disposable(() => {
      if (this.explainer === explainer) this.explainer = undefined;
    });
  }

  /** From a code action the request comes as the argument; from the palette, the finding under the cursor. */
  async run(argument?: unknown): Promise<void> {
    const request = isExplainRequest(argument) ? argument : this.findingAtCursor();
    if (!request) {
      void vscode.window.showInformationMessage('Put the cursor on a Llama Review finding to explain it.');
      return;
    }
    if (this.explainer) {
      await this.explainer(request);
      return;
    }
    // Not awaited: the command is done once the user is told; the message stays until dismissed.
    void vscode.window
      .showInformationMessage(
        `Explanations come from the local model, which is not available yet. The documentation of ${request.finding.ruleId} says why it was flagged.`,
        'Show Rule Documentation',
      )
      .then((choice) => choice && showRuleDocumentation(request.finding.ruleId));
  }

  /** The finding under the cursor of the active editor, if any. */
  findingAtCursor(): ExplainRequest | undefined {
    const editor = vscode.window.activeTextEditor;
    const entry = editor && this.store.forDocument(editor.document);
    if (!editor || !entry) return undefined;
    const cursor = editor.selection.active;
    const diagnostics = vscode.languages.getDiagnostics(editor.document.uri).filter((diagnostic) => diagnostic.range.contains(cursor));
    const finding = entry.findings.find((candidate) => diagnostics.some((diagnostic) => isDiagnosticOf(diagnostic, candidate)));
    return finding && { uri: editor.document.uri, finding };
  }
}
