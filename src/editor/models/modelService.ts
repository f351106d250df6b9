// The editor's one way to the local model: builds the runtime from settings on first use (never at
// activation), runs it in the child-process host, tracks its state for the status bar, and
// rebuilds it when a model setting changes. Everything that asks the model comes through ask().
import * as vscode from 'vscode';
import type { CatalogModel, ModelTask } from '../../model/catalogSchema';
import { errorMessage, isAbortError, ModelError, NoModelAvailableError } from '../../model/errors';
import { osMachineProfile } from '../../model/hardware';
import type { ModelHost } from '../../model/host';
import { parseJsonAnswer } from '../../model/jsonAnswer';
import type { JsonSchema } from '../../model/jsonSchema';
import type { PromptParts } from '../../model/prompts';
import type { TranscriptTurn } from '../../model/provider';
import type { GenerateResult } from '../../model/requests';
import type { ModelRuntime } from '../../model/runtime';
import { fitOverview, type ModelFit } from '../../model/machineFit';
import { selectModels, type SelectOptions } from '../../model/select';
import { createHost, createRuntime, modelParts, type ModelParts } from '../../model/setup';
import { readModelSettings } from '../config';
import type { ModelState } from './modelState';
import type { AnswerOverride } from './testHooks';

export type { ModelState } from './modelState';

export interface AskRequest {
  prompt: PromptParts;
  /** The conversation before `prompt`, oldest first: sent in full, so nothing depends on what a model process kept. */
  history?: readonly TranscriptTurn[];
  conversationId?: string;
  jsonSchema?: JsonSchema;
  onText?: (text: string) => void;
  signal?: AbortSignal;
}

export interface Answer extends GenerateResult {
  /** From the request until the first text arrived, model loading included. */
  firstTextMs: number;
}

interface Running {
  parts: ModelParts;
  host: ModelHost;
  runtime: ModelRuntime;
}

export class ModelService implements vscode.Disposable {
  private running?: Running;
  private idleTimer?: ReturnType<typeof setTimeout>;
  private stateValue: ModelState = { kind: 'idle' };
  private readonly stateChanged = new vscode.EventEmitter<ModelState>();
  readonly onDidChangeState = this.stateChanged.event;
  /** Set only by integration tests (extension mode Test): answers that stand in for the model's. */
  answerOverride?: AnswerOverride;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get state(): ModelState {
    return this.stateValue;
  }

  setState(state: ModelState): void {
    this.stateValue = state;
    this.stateChanged.fire(state);
  }

  /** Catalog, store and settings as configured now; cheap (reads models.json, no model code). */
  parts(): ModelParts {
    return this.running?.parts ?? modelParts({ settings: readModelSettings(), defaultFolder: this.context.globalStorageUri.fsPath });
  }

  private start(): Running {
    if (this.running) return this.running;
    const parts = this.parts();
    const host = createHost(parts.settings, this.context.asAbsolutePath('dist/modelProcess.js'));
    this.running = { parts, host, runtime: createRuntime(parts, host) };
    this.log.info(`Model runtime started: models in ${parts.store.folder}, gpu ${parts.settings.gpu}, threads ${parts.settings.threads}.`);
    return this.running;
  }

  /** A model setting changed: the next request starts over with the new settings. */
  async restart(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (running) await running.host.dispose().catch((error: unknown) => this.log.warn(`Stopping the model process: ${errorMessage(error)}`));
    void this.refreshIdleState();
  }

  /** Forget models that failed, e.g. after a download; keeps the process. */
  reset(): void {
    this.running?.runtime.reset();
  }

  async unload(): Promise<void> {
    await this.running?.host.unload().catch(() => undefined);
    void this.refreshIdleState();
  }

  /** What a typical request for `task` asks of this machine, judged by RAM alone (no model code runs). */
  private selectOptions(task: ModelTask, parts: ModelParts): SelectOptions {
    const taskSettings = parts.settings.tasks[task];
    return {
      catalog: parts.catalog,
      machine: osMachineProfile(),
      demand: { task, promptTokens: 800, maxTokens: taskSettings.maxTokens, complex: false },
      preferredModelId: taskSettings.model === 'auto' ? undefined : taskSettings.model,
      contextSetting: parts.settings.contextSize,
    };
  }

  /** The model a request for `task` would use first on this machine: for the status bar and the download offer. */
  expectedModel(task: ModelTask = 'explain', given?: ModelParts): CatalogModel | undefined {
    try {
      return selectModels(this.selectOptions(task, given ?? this.parts())).chain[0]?.model;
    } catch (error) {
      this.log.warn(`Model selection: ${errorMessage(error)}`);
      return undefined;
    }
  }

  /** How every catalog model fits this machine for `task`, with the one `auto` recommends (the judgement of `models fit`). */
  fitOverview(parts: ModelParts, task: ModelTask = 'explain'): ModelFit[] {
    return fitOverview(this.selectOptions(task, parts));
  }

  /** A model's display name for the status bar; its id when the catalog cannot be read or lacks it. */
  displayName(modelId: string): string {
    try {
      return this.parts().catalog.get(modelId)?.name ?? modelId;
    } catch {
      return modelId;
    }
  }

  /** The status without loading anything: the expected model's file is there or not. */
  async refreshIdleState(): Promise<void> {
    if (this.running && !['idle', 'not-downloaded', 'unavailable', 'ready', 'failed'].includes(this.stateValue.kind)) return;
    try {
      const parts = this.parts();
      const model = this.expectedModel('explain', parts);
      if (!model) {
        this.setState({ kind: 'unavailable', reason: 'no model in the catalog fits this machine' });
        return;
      }
      const status = await parts.store.status(model);
      this.setState(status.state === 'installed' ? { kind: 'idle', modelId: model.id } : { kind: 'not-downloaded', modelId: model.id });
    } catch (error) {
      this.setState({ kind: 'unavailable', reason: errorMessage(error) });
    }
  }

  async ask(request: AskRequest): Promise<Answer> {
    const started = performance.now();
    let firstTextMs: number | undefined;
    const onText = (text: string) => {
      firstTextMs ??= performance.now() - started;
      request.onText?.(text);
    };
    const forced = this.answerOverride?.(request.prompt);
    if (forced !== undefined) return this.forcedAnswer(forced, request, onText, started);
    let running: Running;
    try {
      running = this.start();
    } catch (error) {
      // A settings or catalog error (a bad userModels entry) is reported as what it is.
      this.setState({ kind: 'unavailable', reason: errorMessage(error) });
      throw new ModelError('internal', `the model settings have a problem: ${errorMessage(error)}`);
    }
    clearTimeout(this.idleTimer);
    // Named from the start: the model shown last or expected, until the chain says which one it reached.
    let modelId = this.stateModelId() ?? this.expectedModel(request.prompt.task)?.id;
    let loaded = false;
    this.setState({ kind: 'loading', modelId });
    try {
      const result = await running.runtime.ask(request.prompt, {
        conversationId: request.conversationId,
        history: request.history,
        jsonSchema: request.jsonSchema,
        signal: request.signal,
        onModel: (id, phase) => {
          modelId = id;
          loaded = phase === 'loaded';
          // Once loaded it evaluates the prompt: that is answering already, before the first token.
          this.setState(loaded ? { kind: 'generating', modelId: id } : { kind: 'loading', modelId: id });
        },
        onLoadProgress: (fraction) => this.setState({ kind: 'loading', modelId, fraction }),
        onText: (text) => {
          if (this.stateValue.kind !== 'generating' && modelId) this.setState({ kind: 'generating', modelId });
          onText(text);
        },
      });
      this.setState({ kind: 'ready', modelId: result.modelId });
      this.expectIdleUnload(running.parts.settings.idleUnloadSeconds);
      return { ...result, firstTextMs: firstTextMs ?? performance.now() - started };
    } catch (error) {
      this.afterFailedRequest(error, modelId, loaded, running.parts.settings.idleUnloadSeconds);
      throw error;
    }
  }

  /** The status after a request that did not finish: it still names the model, and says what happened. */
  private afterFailedRequest(error: unknown, modelId: string | undefined, loaded: boolean, idleUnloadSeconds: number): void {
    if (error instanceof NoModelAvailableError) {
      this.setState({ kind: 'unavailable', reason: 'no model available' });
      void this.refreshIdleState();
      return;
    }
    if (!isAbortError(error)) this.log.error(`Model request failed: ${errorMessage(error)}`);
    if (!modelId) {
      void this.refreshIdleState();
    } else if (isAbortError(error)) {
      // Stopped while loading: the load was given up, so the model is back on disk only.
      this.setState(loaded ? { kind: 'ready', modelId, stopped: true } : { kind: 'idle', modelId });
      if (loaded) this.expectIdleUnload(idleUnloadSeconds);
    } else {
      this.setState({ kind: 'failed', modelId, reason: errorMessage(error).split('\n')[0] });
    }
  }

  /**
   * The model process unloads the model after this long without requests; the status follows it,
   * so "ready" never stays up for a model that is no longer in memory.
   */
  private expectIdleUnload(seconds: number): void {
    clearTimeout(this.idleTimer);
    if (seconds <= 0) return;
    this.idleTimer = setTimeout(() => {
      if (this.stateValue.kind === 'ready') this.setState({ kind: 'idle', modelId: this.stateValue.modelId });
    }, seconds * 1000);
  }

  private stateModelId(): string | undefined {
    return 'modelId' in this.stateValue ? this.stateValue.modelId : undefined;
  }

  /** A test's answer, streamed in chunks through the same callbacks as the model's tokens. */
  private async forcedAnswer(text: string, request: AskRequest, onText: (text: string) => void, started: number): Promise<Answer> {
    const chunks = text.match(/[\s\S]{1,8}/g) ?? [];
    for (const chunk of chunks) {
      if (request.signal?.aborted) throw new ModelError('aborted', 'The request was cancelled.');
      onText(chunk);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return {
      modelId: 'test-answer',
      text,
      json: request.jsonSchema ? parseJsonAnswer(text, request.jsonSchema, false) : undefined,
      promptTokensEvaluated: 0,
      outputTokens: chunks.length,
      contextTokens: 0,
      timeToFirstTokenMs: 0,
      generationMs: 0,
      tokensPerSecond: 0,
      truncated: false,
      firstTextMs: performance.now() - started,
    };
  }

  async endConversation(conversationId: string): Promise<void> {
    await this.running?.host.endConversation(conversationId).catch(() => undefined);
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    void this.running?.host.dispose();
    this.running = undefined;
    this.stateChanged.dispose();
  }
}
