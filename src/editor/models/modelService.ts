// The editor's one way to a model: builds the providers from settings on first use (never at
// activation): the local model in the child-process host, or the team's OpenAI-compatible server.
// Tracks the state for the status bar, and rebuilds everything when a model setting changes.
// Everything that asks a model comes through ask().
import * as vscode from 'vscode';
import type { CatalogModel, ModelTask } from '../../model/catalogSchema';
import { errorMessage, isAbortError, ModelError, NoModelAvailableError } from '../../model/errors';
import { osMachineProfile } from '../../model/hardware';
import { parseJsonAnswer } from '../../model/jsonAnswer';
import type { JsonSchema } from '../../model/jsonSchema';
import type { PromptParts } from '../../model/prompts';
import type { TranscriptTurn } from '../../model/provider';
import { localProviderDescription, LocalProvider } from '../../model/localProvider';
import type { ProviderDescription } from '../../model/provider';
import { providerKindFor, type ProviderAnswer, type ProviderRouter } from '../../model/providerRouter';
import { describeServer } from '../../model/openai/serverDescription';
import { fitOverview, type ModelFit } from '../../model/machineFit';
import { selectModels, type SelectOptions } from '../../model/select';
import { resolveModelSettings } from '../../model/settings';
import { createProviderRouter, modelParts, type ModelParts } from '../../model/setup';
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
  /** The provider failed and another starts over: drop the text streamed so far. */
  onRestart?: () => void;
  signal?: AbortSignal;
}

export interface Answer extends ProviderAnswer {
  /** From the request until the first text arrived, model loading included. */
  firstTextMs: number;
}

interface Running {
  parts: ModelParts;
  providers: ProviderRouter;
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
    private readonly apiKey?: { readonly current: string | undefined },
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
    if (this.running) return this.running.parts;
    const settings = readModelSettings();
    const apiKey = this.apiKey?.current;
    return modelParts({ settings: apiKey ? { ...settings, server: { ...settings.server, apiKey } } : settings, defaultFolder: this.context.globalStorageUri.fsPath });
  }

  private start(): Running {
    if (this.running) return this.running;
    const parts = this.parts();
    const providers = createProviderRouter(parts, { childScript: this.context.asAbsolutePath('dist/modelProcess.js'), log: (level, message) => this.log[level](message) });
    this.running = { parts, providers };
    const server = parts.settings.server.baseUrl ? `; server ${describeServer(parts.settings.server).label}` : '';
    this.log.info(`Model providers ready: ${parts.settings.provider} by default, models in ${parts.store.folder}, gpu ${parts.settings.gpu}, threads ${parts.settings.threads}${server}.`);
    return this.running;
  }

  /** The local provider, if this session has started it. */
  private local(): LocalProvider | undefined {
    const local = this.running?.providers.running('local');
    return local instanceof LocalProvider ? local : undefined;
  }

  /** Where a task's requests go, from settings alone (nothing starts): for the chat, the status bar and the README's promise. */
  providerFor(task: ModelTask = 'explain'): ProviderDescription {
    // Settings only: the status bar asks on every state change, and parts() would read the catalog too.
    const settings = this.running?.parts.settings ?? resolveModelSettings(readModelSettings());
    return providerKindFor(settings, task) === 'openai' ? describeServer(settings.server) : localProviderDescription;
  }

  /** A model setting changed: the next request starts over with the new settings. */
  async restart(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (running) await running.providers.dispose().catch((error: unknown) => this.log.warn(`Stopping the model providers: ${errorMessage(error)}`));
    void this.refreshIdleState();
  }

  /** Forget models that failed, e.g. after a download; keeps the process. */
  reset(): void {
    this.local()?.runtime.reset();
  }

  async unload(): Promise<void> {
    await this.local()?.host.unload().catch(() => undefined);
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
      if (this.providerFor('explain').kind === 'openai') {
        // A server's models are its own; there is nothing to download here.
        this.setState({ kind: 'idle', modelId: parts.settings.server.model || undefined });
        return;
      }
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
      const result = await running.providers.ask({ prompt: request.prompt, conversationId: request.conversationId, history: request.history, jsonSchema: request.jsonSchema }, {
        signal: request.signal,
        onFallback: (from, reason) => {
          this.log.warn(`${from.label} could not answer (${reason}); asking the local model instead.`);
          request.onRestart?.();
        },
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
      provider: this.providerFor(request.prompt.task),
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
    await this.running?.providers.endConversation(conversationId);
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    void this.running?.providers.dispose();
    this.running = undefined;
    this.stateChanged.dispose();
  }
}
