// Choosing, downloading and removing models, and what the user is told when a model request
// fails. Downloads show a cancellable progress notification; the first time a request finds no
// model, the default model for this machine is offered once (with "don't ask again").
import * as vscode from 'vscode';
import type { CatalogModel } from '../../model/catalogSchema';
import { errorMessage, isAbortError, ModelError, NoModelAvailableError } from '../../model/errors';
import { formatGigabytes } from '../../model/hardware';
import type { ModelParts } from '../../model/setup';
import { modelSettingKey } from '../config';
import type { ModelService } from './modelService';
import type { Notices } from './notices';

const declinedOfferKey = 'llamaReview.downloadOffer.declined';

export class ModelCommands {
  /** The download offer is made at most once a session, and never after "Don't Ask Again". */
  private offered = false;

  constructor(
    private readonly models: ModelService,
    private readonly notices: Notices,
    private readonly globalState: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * One message for a failed model request, with a way forward. Cancelling says nothing: the
   * user asked for it.
   */
  async reportFailure(error: unknown, what: string): Promise<void> {
    if (isAbortError(error)) return;
    if (error instanceof NoModelAvailableError || (error instanceof ModelError && error.kind === 'no-model')) {
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
    const model = this.models.expectedModel();
    const status = model && (await this.parts()?.store.status(model));
    const downloadable = model && status?.state !== 'installed' && !status?.local && model.uri !== undefined;
    if (downloadable && !this.offered && !this.globalState.get<boolean>(declinedOfferKey)) {
      this.offered = true;
      const download = `Download ${model.name} (${formatGigabytes(model.sizeBytes)})`;
      const choice = await this.notices.show(
        'info',
        `Llama Review needs a local model to answer; ${model.name} fits this machine. Parse-based review keeps working without it.`,
        download,
        'Choose Model…',
        "Don't Ask Again",
      );
      if (choice === download) await this.download(model);
      else if (choice === 'Choose Model…') await this.choose();
      else if (choice === "Don't Ask Again") await this.globalState.update(declinedOfferKey, true);
      return;
    }
    const choice = await this.notices.show(
      'warning',
      'No local model is available, so Llama Review cannot answer this. Parse-based review keeps working. Choose or download a model to use the chat, fixes and model reviews.',
      'Choose Model…',
      'Show Log',
    );
    if (choice === 'Choose Model…') await this.choose();
    else if (choice === 'Show Log') this.log.show();
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
    type Item = vscode.QuickPickItem & { modelId?: string; pickFile?: boolean };
    const items: Item[] = [{ label: 'Automatic', description: current === 'auto' ? 'current' : '', detail: 'The best model that fits this machine and is on disk.', modelId: 'auto' }];
    for (const model of parts.catalog.inFallbackOrder()) {
      const status = await parts.store.status(model);
      const state = status.state === 'installed' ? 'on disk' : status.local ? 'file missing' : 'not downloaded';
      items.push({ label: model.name, description: `${model.id}${model.id === current ? ' (current)' : ''}`, detail: `${formatGigabytes(model.sizeBytes)}, ${state}`, modelId: model.id });
    }
    items.push({ label: 'Use a GGUF File on This Machine…', pickFile: true });
    const picked = await vscode.window.showQuickPick(items, { title: 'Llama Review: Choose Model', placeHolder: 'The model for explanations, fixes, reviews and docstrings' });
    if (!picked) return;
    let modelId = picked.modelId;
    if (picked.pickFile) modelId = await this.addLocalFile();
    if (!modelId) return;
    await vscode.workspace.getConfiguration().update(modelSettingKey, modelId, vscode.ConfigurationTarget.Global);
    const chosen = parts.catalog.get(modelId);
    if (chosen && chosen.path === undefined && (await parts.store.status(chosen)).state !== 'installed') {
      const choice = await this.notices.show('info', `${chosen.name} is not downloaded yet.`, 'Download');
      if (choice) await this.download(chosen);
    }
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
    const picked = await vscode.window.showQuickPick(items, { title });
    return picked?.model;
  }
}
