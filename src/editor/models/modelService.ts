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
import type { GenerateResult } from '../../model/requests';
import type { ModelRuntime } from '../../model/runtime';
import { selectModels } from '../../model/select';
import { createHost, createRuntime, modelParts, type ModelParts } from '../../model/setup';
import { readModelSettings } from '../config';
import type { AnswerOverride } from './testHooks';

export type ModelState =
  | { kind: 'idle'; modelId?: string }
  | { kind: 'not-downloaded'; modelId: string }
  | { kind: 'downloading'; modelId: string; fraction?: number }
  | { kind: 'loading'; modelId?: string; fraction?: number }
  | { kind: 'ready'; modelId: string }
  | { kind: 'generating'; modelId: string }
  | { kind: 'unavailable'; reason: string };

export interface AskRequest {
  prompt: PromptParts;
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

  /**
   * The model a request for `task` would use first on this machine, judged by RAM alone (no model
   * code runs): for the status bar and the download offer.
   */
  expectedModel(task: ModelTask = 'explain', given?: ModelParts): CatalogModel | undefined {
    try {
      const parts = given ?? this.parts();
      const taskSettings = parts.settings.tasks[task];
      const selection = selectModels({
        catalog: parts.catalog,
        machine: osMachineProfile(),
        demand: { task, promptTokens: 800, maxTokens: taskSettings.maxTokens, complex: false },
        preferredModelId: taskSettings.model === 'auto' ? undefined : taskSettings.model,
        contextSetting: parts.settings.contextSize,
      });
      return selection.chain[0]?.model;
    } catch (error) {
      this.log.warn(`Model selection: ${errorMessage(error)}`);
      return undefined;
    }
  }

  /** The status without loading anything: the expected model's file is there or not. */
  async refreshIdleState(): Promise<void> {
    if (this.running && !['idle', 'not-downloaded', 'unavailable', 'ready'].includes(this.stateValue.kind)) return;
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
    this.setState({ kind: 'loading' });
    try {
      const result = await running.runtime.ask(request.prompt, {
        conversationId: request.conversationId,
        jsonSchema: request.jsonSchema,
        signal: request.signal,
        onLoadProgress: (fraction) => this.setState({ kind: 'loading', modelId: this.stateModelId(), fraction }),
        onText: (text) => {
          if (this.stateValue.kind !== 'generating') this.setState({ kind: 'generating', modelId: this.stateModelId() ?? '' });
          onText(text);
        },
      });
      this.setState({ kind: 'ready', modelId: result.modelId });
      this.expectIdleUnload(running.parts.settings.idleUnloadSeconds);
      return { ...result, firstTextMs: firstTextMs ?? performance.now() - started };
    } catch (error) {
      if (error instanceof NoModelAvailableError) {
        this.setState({ kind: 'unavailable', reason: 'no model available' });
        void this.refreshIdleState();
      } else if (isAbortError(error)) {
        this.setState({ kind: 'ready', modelId: this.stateModelId() ?? '' });
      } else {
        this.log.error(`Model request failed: ${errorMessage(error)}`);
        this.setState({ kind: 'ready', modelId: this.stateModelId() ?? '' });
      }
      throw error;
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
