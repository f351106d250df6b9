// Status bar item for the local model: which model and what it is doing (see modelState.ts for the
// wording). A click offers the model commands.
import * as vscode from 'vscode';
import type { ModelService } from './modelService';
import { describeModelState, type ModelState, type ModelStatusText } from './modelState';

export class ModelStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('llamaReview.model', vscode.StatusBarAlignment.Left, 49);
  private readonly subscription: vscode.Disposable;
  private shown: ModelStatusText = { text: '', tooltip: '', accessibilityLabel: '' };

  constructor(
    private readonly models: ModelService,
    command: string,
  ) {
    this.item.name = 'Llama Review Model';
    this.item.command = command;
    this.subscription = models.onDidChangeState((state) => this.show(state));
    this.show(models.state);
    this.item.show();
  }

  private show(state: ModelState): void {
    const provider = this.models.providerFor('explain');
    this.shown = describeModelState(state, (modelId) => this.models.displayName(modelId), provider.kind === 'openai' ? provider : undefined);
    this.item.text = this.shown.text;
    this.item.tooltip = this.shown.tooltip;
    // Screen readers get words, not codicon names; a click opens the model picker.
    this.item.accessibilityInformation = { label: this.shown.accessibilityLabel, role: 'button' };
  }

  /** What the item says now, for the integration tests. */
  get status(): ModelStatusText {
    return { ...this.shown };
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
