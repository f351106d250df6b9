// Status bar item for the local model: which model and what it is doing (not downloaded,
// downloading %, loading, ready, unavailable). A click offers the model commands.
import * as vscode from 'vscode';
import type { ModelService, ModelState } from './modelService';

function percent(fraction: number | undefined): string {
  return fraction === undefined ? '' : ` ${Math.floor(fraction * 100)}%`;
}

export function describeState(state: ModelState): { text: string; tooltip: string } {
  switch (state.kind) {
    case 'idle':
      return { text: '$(hubot) Model', tooltip: state.modelId ? `${state.modelId} is on disk; it loads on the first request.` : 'The local model loads on the first request.' };
    case 'not-downloaded':
      return { text: '$(cloud-download) Model: not downloaded', tooltip: `${state.modelId} is not downloaded. Click to download or choose a model.` };
    case 'downloading':
      return { text: `$(sync~spin) Model: downloading${percent(state.fraction)}`, tooltip: `Downloading ${state.modelId}.` };
    case 'loading':
      return { text: `$(loading~spin) Model: loading${percent(state.fraction)}`, tooltip: `Loading ${state.modelId ?? 'the local model'}.` };
    case 'ready':
      return { text: `$(hubot) ${state.modelId}`, tooltip: `${state.modelId} is loaded and ready.` };
    case 'generating':
      return { text: `$(loading~spin) ${state.modelId}`, tooltip: `${state.modelId} is answering.` };
    case 'unavailable':
      return { text: '$(circle-slash) Model: unavailable', tooltip: `No local model can answer: ${state.reason}. Parse-based review keeps working. Click to choose a model.` };
  }
}

export class ModelStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('llamaReview.model', vscode.StatusBarAlignment.Left, 49);
  private readonly subscription: vscode.Disposable;

  constructor(models: ModelService, command: string) {
    this.item.name = 'Llama Review Model';
    this.item.command = command;
    this.subscription = models.onDidChangeState((state) => this.show(state));
    this.show(models.state);
    this.item.show();
  }

  private show(state: ModelState): void {
    const { text, tooltip } = describeState(state);
    this.item.text = text;
    this.item.tooltip = tooltip;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
