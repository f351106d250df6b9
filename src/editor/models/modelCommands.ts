// Choosing, downloading and removing models, and what the user is told when a model request
// fails. Downloads show a cancellable progress notification; a request that finds no model offers,
// in its message and in the chat, to download the recommended model, choose one, or use a GGUF file.
import * as vscode from 'vscode';
import type { CatalogModel } from '../../model/catalogSchema';
import { errorMessage, isAbortError, isNoModelError, ModelError } from '../../model/errors';
import { formatGigabytes } from '../../model/hardware';
import type { ModelParts } from '../../model/setup';
import type { ModelFileStatus } from '../../model/store';
import type { ChatAction, ChatActionId } from '../chat/chatProtocol';
import { modelSettingKey } from '../config';
import { modelChoices, type ModelFileState } from './modelChoices';
import type { ModelService } from './modelService';
import type { Notices } from './notices';
import type { ShownPicks } from './testHooks';

/** The commands behind the no-model buttons (registered in modelFeatures.ts). */
export const useModelFileCommand = 'llamaReview.useModelFile';
const actionCommands: Record<ChatActionId, string> = {
  downloadRecommendedModel: 'llamaReview.downloadModel',
  chooseModel: 'llamaReview.chooseModel',
  useModelFile: useModelFileCommand,
};

/** What to tell the user when no model could answer, and the buttons that lead on. */
export interface NoModelHelp {
  message: string;
  actions: ChatAction[];
  /** The model "Download Recommended Model" downloads. */
  recommendedModelId?: string;
}

/** The no-model buttons as commands, for VS Code's chat, whose buttons run a command. */
export function noModelCommands(help: NoModelHelp): vscode.Command[] {
  return help.actions.map((action) => ({
    command: actionCommands[action.id],
    title: action.label,
    tooltip: action.title,
    arguments: action.id === 'downloadRecommendedModel' ? [help.recommendedModelId] : [],
  }));
}

function fileState(model: CatalogModel, status: ModelFileStatus): ModelFileState {
  if (status.state === 'installed') return model.path !== undefined ? 'local file' : 'downloaded';
  return model.path !== undefined ? 'file missing' : 'not downloaded';
}

export class ModelCommands {
  constructor(
    private readonly models: ModelService,
    private readonly notices: Notices,
    private readonly log: vscode.LogOutputChannel,
    private readonly shownPicks?: ShownPicks,
  ) {}

  /**
   * One message for a failed model request, with a way forward. Cancelling says nothing: the
   * user asked for it.
   */
  async reportFailure(error: unknown, what: string): Promise<void> {
    if (isAbortError(error)) return;
    if (isNoModelError(error)) {
      this.log.warn(`${what}: ${errorMessage(error)}`);
      await this.noModel();
      return;
    }
    this.log.error(`${what}: ${errorMessage(error)}`);
    if (error instanceof ModelError && error.kind === 'invalid-output') {
      const choice = await this.notices.show('warning', `${what}: the model's answer did not follow the expected format, so it was not used. Small models do this at times; try again, or choose a larger model.`, 'Choose Model…');
      if (choice) await this.choose();
      return;
    }
    const choice = await this.notices.show('error', `${what} failed: ${errorMessage(error).split('\n')[0]}`, 'Show Log');
    if (choice) this.log.show();
  }

  private async noModel(): Promise<void> {
    const help = await this.noModelHelp();
    const choice = await this.notices.show('warning', help.message, ...help.actions.map((action) => action.label));
    const action = help.actions.find((candidate) => candidate.label === choice);
    if (action) await this.runAction(action.id);
  }

  /** The model to offer for download: the one `auto` recommends here, when it can be downloaded and is not yet. */
  private async recommendedDownload(parts: ModelParts): Promise<CatalogModel | undefined> {
    const model = this.models.fitOverview(parts).find((fit) => fit.recommended)?.model;
    if (!model || model.uri === undefined || model.path !== undefined) return undefined;
    return (await parts.store.status(model)).state === 'installed' ? undefined : model;
  }

  /** The message and buttons for "no model could answer"; the same in the notification and the chat. */
  async noModelHelp(): Promise<NoModelHelp> {
    let recommended: CatalogModel | undefined;
    try {
      const parts = this.models.parts();
      recommended = await this.recommendedDownload(parts);
    } catch (error) {
      this.log.warn(`Finding the recommended model: ${errorMessage(error)}`);
    }
    const actions: ChatAction[] = [];
    if (recommended) {
      actions.push({ id: 'downloadRecommendedModel', label: 'Download Recommended Model', title: `Download ${recommended.name} (${formatGigabytes(recommended.sizeBytes)}), which fits this machine` });
    }
    actions.push(
      { id: 'chooseModel', label: 'Choose Model…', title: 'Pick a model from the catalog, marked by how it fits this machine' },
      { id: 'useModelFile', label: 'Use a GGUF File…', title: 'Use a GGUF model file that is already on this machine' },
    );
    const offer = recommended
      ? `${recommended.name} (${formatGigabytes(recommended.sizeBytes)}) is recommended for this machine: download it, choose another model, or use a GGUF file you have.`
      : 'Choose a model, or use a GGUF file you have.';
    return { message: `No local model is available to answer. ${offer} Parse-based review keeps working.`, actions, recommendedModelId: recommended?.id };
  }

  /** A no-model button, pressed in the chat or the notification: runs its command. */
  async runAction(action: ChatActionId): Promise<void> {
    if (action === 'downloadRecommendedModel') {
      const parts = this.parts();
      const model = parts && (await this.recommendedDownload(parts));
      await vscode.commands.executeCommand(actionCommands[action], model?.id);
      return;
    }
    await vscode.commands.executeCommand(actionCommands[action]);
  }

  /** Catalog, store and settings; a bad setting (e.g. a userModels entry) is one message naming it. */
  private parts(): ModelParts | undefined {
    try {
      return this.models.parts();
    } catch (error) {
      void this.notices.show('error', `The model settings have a problem: ${errorMessage(error)}`, 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'llamaReview.model');
      });
      return undefined;
    }
  }

  /** Downloads `model` (a catalog entry or id; else one the user picks) with a cancellable progress notification. */
  async download(model?: CatalogModel | string): Promise<boolean> {
    const parts = this.parts();
    if (!parts) return false;
    const downloadable = (candidate: CatalogModel) => candidate.uri !== undefined && candidate.path === undefined;
    const named = typeof model === 'string' ? parts.catalog.get(model) : model;
    if (typeof model === 'string' && !(named && downloadable(named))) {
      void this.notices.show('warning', `"${model}" is not a model Llama Review can download. Run "Llama Review: Download Model" to pick one.`);
      return false;
    }
    const target = named ?? (await this.pickModel('Download which model?', downloadable));
    if (!target) return false;
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Downloading ${target.name}`, cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          let reported = 0;
          this.models.setState({ kind: 'downloading', modelId: target.id, fraction: 0 });
          await parts.store.download(target, {
            signal: controller.signal,
            onProgress: ({ receivedBytes, totalBytes }) => {
              const total = totalBytes ?? target.sizeBytes;
              const percent = Math.min(100, Math.floor((receivedBytes / total) * 100));
              if (percent > reported) {
                progress.report({ increment: percent - reported, message: `${percent}% of ${formatGigabytes(total)}` });
                reported = percent;
                this.models.setState({ kind: 'downloading', modelId: target.id, fraction: percent / 100 });
              }
            },
          });
        },
      );
      this.models.reset();
      await this.models.refreshIdleState();
      void this.notices.show('info', `${target.name} is ready to use.`);
      return true;
    } catch (error) {
      await this.models.refreshIdleState();
      if (isAbortError(error) || (error as { reason?: string }).reason === 'aborted') {
        void this.notices.show('info', `The download of ${target.name} was cancelled; what arrived is kept and the next download resumes it.`);
        return false;
      }
      this.log.error(`Download of ${target.id}: ${errorMessage(error)}`);
      const choice = await this.notices.show('error', `The download of ${target.name} failed: ${errorMessage(error)}`, 'Show Log');
      if (choice) this.log.show();
      return false;
    }
  }

  /** Picks the model every task uses (or `auto`), or adds a GGUF file from this machine. */
  async choose(): Promise<void> {
    const parts = this.parts();
    if (!parts) return;
    const current = vscode.workspace.getConfiguration().get<string>(modelSettingKey, 'auto');
    const inputs = await Promise.all(
      this.models.fitOverview(parts).map(async (fit) => ({ fit, file: fileState(fit.model, await parts.store.status(fit.model)), current: fit.model.id === current })),
    );
    type Item = vscode.QuickPickItem & { modelId?: string; pickFile?: boolean };
    const items: Item[] = [
      ...modelChoices(inputs),
      { label: 'Other choices', kind: vscode.QuickPickItemKind.Separator },
      { label: 'Automatic', description: current === 'auto' ? 'current' : '', detail: 'The best model that fits this machine and is on disk.', modelId: 'auto' },
      { label: 'Use a GGUF File on This Machine…', pickFile: true },
    ];
    const picked = await this.showPick(items, { title: 'Llama Review: Choose Model', placeHolder: 'The model for explanations, fixes, reviews and docstrings', matchOnDetail: true });
    if (!picked) return;
    if (picked.pickFile) return this.useModelFile();
    if (picked.modelId) await this.useModel(parts, picked.modelId);
  }

  /** Adds a GGUF file of the user's own as a model and makes it the one every task uses. */
  async useModelFile(): Promise<void> {
    const parts = this.parts();
    const modelId = parts && (await this.addLocalFile());
    if (parts && modelId) await this.useModel(parts, modelId);
  }

  private async useModel(parts: ModelParts, modelId: string): Promise<void> {
    await vscode.workspace.getConfiguration().update(modelSettingKey, modelId, vscode.ConfigurationTarget.Global);
    const chosen = parts.catalog.get(modelId);
    if (chosen && chosen.path === undefined && (await parts.store.status(chosen)).state !== 'installed') {
      const choice = await this.notices.show('info', `${chosen.name} is not downloaded yet.`, 'Download');
      if (choice) await this.download(chosen);
    }
  }

  /** Shows a quick pick, recorded for the integration tests. */
  private showPick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { title: string }): Thenable<T | undefined> {
    const shown = items.filter((item) => item.kind !== vscode.QuickPickItemKind.Separator);
    this.shownPicks?.record({ title: options.title, items: shown.map(({ label, description, detail }) => ({ label, description, detail })) });
    return vscode.window.showQuickPick(items, options);
  }

  private async addLocalFile(): Promise<string | undefined> {
    const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'GGUF model': ['gguf'] }, title: 'Choose a GGUF model file' });
    const file = files?.[0];
    if (!file) return undefined;
    const base = file.path.split('/').pop()!.replace(/\.gguf$/i, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
    const id = `local-${base}`;
    const config = vscode.workspace.getConfiguration();
    const existing = config.inspect<Array<{ id: string }>>('llamaReview.model.userModels')?.globalValue ?? [];
    // Starts from the default CodeLlama entry (memory figures, chat format); the file replaces its download.
    const entry = { id, extends: 'codellama-7b-instruct-q4km', name: base, path: file.fsPath, chatFormat: 'auto' };
    await config.update('llamaReview.model.userModels', [...existing.filter((model) => model.id !== id), entry], vscode.ConfigurationTarget.Global);
    return id;
  }

  /** Deletes a downloaded model after confirmation. */
  async remove(): Promise<void> {
    const parts = this.parts();
    if (!parts) return;
    const installed: CatalogModel[] = [];
    for (const model of parts.catalog.inFallbackOrder()) {
      if (model.path === undefined && (await parts.store.status(model)).state !== 'missing') installed.push(model);
    }
    if (installed.length === 0) {
      void this.notices.show('info', 'No downloaded models to remove. Models you added as your own files are never deleted by Llama Review.');
      return;
    }
    const model = await this.pickModel('Remove which model?', (candidate) => installed.includes(candidate));
    if (!model) return;
    const confirm = await vscode.window.showWarningMessage(`Delete ${model.name} (${formatGigabytes(model.sizeBytes)}) from ${parts.store.folder}?`, { modal: true }, 'Delete');
    if (confirm !== 'Delete') return;
    await this.models.unload();
    try {
      await parts.store.remove(model);
      this.models.reset();
      await this.models.refreshIdleState();
      void this.notices.show('info', `${model.name} was removed.`);
    } catch (error) {
      void this.notices.show('error', `Could not remove ${model.name}: ${errorMessage(error)}`);
    }
  }

  private async pickModel(title: string, include: (model: CatalogModel) => boolean): Promise<CatalogModel | undefined> {
    const catalog = this.parts()?.catalog;
    if (!catalog) return undefined;
    const items = catalog
      .inFallbackOrder()
      .filter(include)
      .map((model) => ({ label: model.name, description: model.id, detail: `${formatGigabytes(model.sizeBytes)}, ${model.parametersBillions}B parameters, ${model.quantization}`, model }));
    const picked = await this.showPick(items, { title });
    return picked?.model;
  }
}
