// The model engine on top of node-llama-cpp: load a GGUF (with progress, abort and an optional
// LoRA adapter), chat with the catalog's chat format, stream text, constrain answers to a JSON
// schema, keep conversations warm, and unload after a quiet spell.
import { createChatWrapper } from './chatFormats';
import { adoptHistory } from './chatHistory';
import { ConversationPool, oneShotConversationId } from './conversations';
import { errorMessage, isAbortError, ModelError } from './errors';
import type { MachineProfile } from './hardware';
import { parseJsonAnswer } from './jsonAnswer';
import type { JsonSchema } from './jsonSchema';
import { LlamaLogBuffer } from './llamaLog';
import { loadLlamaModule, type Llama, type LlamaGrammar, type LlamaModel, type LlamaModule } from './llamaModule';
import { probeMachine } from './machineProbe';
import { checkModelFile, checkTensorData } from './modelFile';
import type { EngineOptions, GenerateOptions, GenerateRequest, GenerateResult, LoadedModelInfo, LoadOptions, LoadRequest } from './requests';
import { reviewerRole } from './prompts';

/** Used when a request brings no system prompt (node-llama-cpp's own default is long and generic). */
const defaultSystemPrompt = reviewerRole;
/** Conversations kept warm at once; each holds a context (and its KV cache). */
const conversationCapacity = 3;
/** Longest wait for llama.cpp to release its backend on dispose. */
const disposeWaitMs = 5000;

interface Loaded {
  request: LoadRequest;
  model: LlamaModel;
  conversations: ConversationPool;
  info: LoadedModelInfo;
}

function isOutOfMemory(error: unknown, llamaCpp: LlamaModule): boolean {
  return error instanceof llamaCpp.InsufficientMemoryError || /insufficient memory|out of memory|failed to allocate|unable to allocate/i.test(errorMessage(error));
}

function sameModel(a: LoadRequest, b: LoadRequest): boolean {
  return a.modelId === b.modelId && a.path === b.path && a.lora?.path === b.lora?.path && a.lora?.scale === b.lora?.scale && a.gpuLayers === b.gpuLayers;
}

export class ModelEngine {
  private loaded?: Loaded;
  /** The last model asked for: reloaded on demand after an idle unload. */
  private wanted?: LoadRequest;
  private loading: Promise<unknown> = Promise.resolve();
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();
  private active = 0;
  private idleTimer?: NodeJS.Timeout;
  /**
   * node-llama-cpp 3.22 leaks a dispose guard when llama.cpp rejects a model file, after which
   * Llama.dispose() never settles; dispose then does not wait for it.
   */
  private nativeLoadFailed = false;

  private constructor(
    private readonly llamaCpp: LlamaModule,
    private readonly llama: Llama,
    private readonly log: LlamaLogBuffer,
    readonly options: EngineOptions,
  ) {}

  /**
   * Starts llama.cpp with a prebuilt binary (never a source build, which would try to download).
   * llama.cpp's log callback is process-wide: one engine per process (as in the CLI and the
   * child) keeps failure reasons flowing to this engine's log.
   */
  static async create(options: EngineOptions, onLog?: (level: string, message: string) => void): Promise<ModelEngine> {
    const llamaCpp = await loadLlamaModule();
    const log = new LlamaLogBuffer(onLog);
    try {
      const llama = await llamaCpp.getLlama({
        gpu: options.gpu === 'off' ? false : options.gpu,
        build: 'never',
        skipDownload: true,
        progressLogs: false,
        logger: log.logger,
        logLevel: llamaCpp.LlamaLogLevel.warn,
        maxThreads: options.threads,
      });
      return new ModelEngine(llamaCpp, llama, log, options);
    } catch (error) {
      throw new ModelError(
        'load-failed',
        `llama.cpp could not start with GPU setting "${options.gpu}": ${errorMessage(error)}. Set the GPU setting to "auto" or "off", or reinstall the extension for this platform.`,
      );
    }
  }

  get loadedModel(): LoadedModelInfo | undefined {
    return this.loaded?.info;
  }

  describeMachine(): Promise<MachineProfile> {
    return probeMachine(this.llama);
  }

  /** Loads a model (replacing a different one); loads run one at a time. */
  load(request: LoadRequest, options: LoadOptions = {}): Promise<LoadedModelInfo> {
    const run = this.loading.then(() => this.loadNow(request, options));
    this.loading = run.catch(() => undefined);
    return run;
  }

  private async loadNow(request: LoadRequest, options: LoadOptions): Promise<LoadedModelInfo> {
    if (this.loaded && sameModel(this.loaded.request, request)) return this.loaded.info;
    await this.unloadModel();
    this.wanted = undefined;
    await checkModelFile(request.path);
    await checkTensorData(request.path, this.llamaCpp, this.llama);
    if (request.lora) await checkModelFile(request.lora.path);
    const started = performance.now();
    const mark = this.log.mark();
    let model: LlamaModel;
    try {
      model = await this.llama.loadModel({
        modelPath: request.path,
        gpuLayers: request.gpuLayers,
        onLoadProgress: options.onProgress,
        loadSignal: options.signal,
      });
    } catch (error) {
      this.nativeLoadFailed = true;
      throw await this.loadFailure(error, request, mark, options.signal);
    }
    const chatWrapper = createChatWrapper(request.chatFormat, this.llamaCpp, model);
    const conversations = new ConversationPool({
      llamaCpp: this.llamaCpp,
      model,
      chatWrapper,
      threads: this.options.threads,
      lora: request.lora,
      capacity: conversationCapacity,
    });
    try {
      // A first context now, so that running out of memory shows at load, where fallback can act.
      conversations.adopt(oneShotConversationId, await conversations.createContext(request.contextSize), defaultSystemPrompt);
    } catch (error) {
      await model.dispose();
      throw await this.loadFailure(error, request, mark, options.signal);
    }
    const info: LoadedModelInfo = {
      modelId: request.modelId,
      path: request.path,
      gpuLayers: model.gpuLayers,
      chatWrapper: chatWrapper.wrapperName,
      loadMs: Math.round(performance.now() - started),
    };
    this.loaded = { request, model, conversations, info };
    this.wanted = request;
    this.armIdleTimer();
    return info;
  }

  private async loadFailure(error: unknown, request: LoadRequest, mark: number, signal?: AbortSignal): Promise<ModelError> {
    if (signal?.aborted || isAbortError(error)) return new ModelError('aborted', `Loading "${request.modelId}" was cancelled.`);
    if (isOutOfMemory(error, this.llamaCpp)) {
      return new ModelError('out-of-memory', `Not enough memory for "${request.modelId}" with a ${request.contextSize}-token context: ${errorMessage(error)}`);
    }
    const reason = await this.log.explain(mark);
    const detail = reason ? `llama.cpp says: ${reason}` : errorMessage(error);
    return new ModelError('load-failed', `Failed to load model "${request.modelId}" from ${request.path}: ${detail}`);
  }

  async generate(request: GenerateRequest, options: GenerateOptions = {}): Promise<GenerateResult> {
    this.active++;
    clearTimeout(this.idleTimer);
    try {
      await this.loading;
      if (!this.loaded && this.wanted) await this.load(this.wanted);
      const loaded = this.loaded;
      if (!loaded) throw new ModelError('not-loaded', 'No model is loaded; load one before asking it.');
      const grammar = request.jsonSchema ? await this.grammarFor(request.jsonSchema) : undefined;
      const contextSize = request.contextSize ?? loaded.request.contextSize;
      const systemPrompt = request.systemPrompt ?? defaultSystemPrompt;
      return await loaded.conversations.use(request.conversationId ?? oneShotConversationId, contextSize, systemPrompt, async (conversation) => {
        if (request.history) adoptHistory(conversation.session, systemPrompt, request.history);
        const before = conversation.sequence.tokenMeter.getState();
        const started = performance.now();
        let firstTokenAt: number | undefined;
        const answer = await conversation.session.promptWithMeta(request.prompt, {
          maxTokens: request.maxTokens,
          temperature: request.temperature,
          seed: request.seed,
          grammar,
          signal: options.signal,
          stopOnAbortSignal: false,
          onToken: () => (firstTokenAt ??= performance.now()),
          onTextChunk: options.onText,
        });
        const finished = performance.now();
        const used = conversation.sequence.tokenMeter.diff(before);
        const truncated = answer.stopReason === 'maxTokens';
        // Decoding speed: the tokens after the first, over the time after it (prompt evaluation excluded).
        const decodeSeconds = firstTokenAt === undefined ? 0 : (finished - firstTokenAt) / 1000;
        return {
          modelId: loaded.info.modelId,
          text: answer.responseText,
          json: request.jsonSchema ? parseJsonAnswer(answer.responseText, request.jsonSchema, truncated) : undefined,
          promptTokensEvaluated: used.usedInputTokens,
          outputTokens: used.usedOutputTokens,
          contextTokens: conversation.sequence.nextTokenIndex,
          timeToFirstTokenMs: Math.round((firstTokenAt ?? finished) - started),
          generationMs: Math.round(finished - started),
          tokensPerSecond: decodeSeconds > 0 ? (used.usedOutputTokens - 1) / decodeSeconds : 0,
          truncated,
        };
      });
    } catch (error) {
      throw this.generationFailure(error, options.signal);
    } finally {
      this.active--;
      this.armIdleTimer();
    }
  }

  private generationFailure(error: unknown, signal?: AbortSignal): Error {
    if (error instanceof ModelError) return error;
    if (signal?.aborted || isAbortError(error)) return new ModelError('aborted', 'The request was cancelled.');
    if (isOutOfMemory(error, this.llamaCpp)) return new ModelError('out-of-memory', `The model ran out of memory while answering: ${errorMessage(error)}`);
    return new ModelError('internal', `The model failed while answering: ${errorMessage(error)}`);
  }

  private grammarFor(schema: JsonSchema): Promise<LlamaGrammar> {
    const key = JSON.stringify(schema);
    let grammar = this.grammars.get(key);
    if (!grammar) {
      grammar = this.llama.createGrammarForJsonSchema(schema as Parameters<Llama['createGrammarForJsonSchema']>[0]);
      this.grammars.set(key, grammar);
      grammar.catch(() => this.grammars.delete(key));
    }
    return grammar;
  }

  async endConversation(conversationId: string): Promise<void> {
    await this.loaded?.conversations.end(conversationId);
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    if (this.options.idleUnloadMs <= 0 || this.active > 0 || !this.loaded) return;
    this.idleTimer = setTimeout(() => {
      if (this.active === 0) void this.unloadModel();
    }, this.options.idleUnloadMs);
    // An idle timer alone must not keep a CLI process alive.
    this.idleTimer.unref();
  }

  private async unloadModel(): Promise<void> {
    clearTimeout(this.idleTimer);
    const loaded = this.loaded;
    this.loaded = undefined;
    if (!loaded) return;
    await loaded.conversations.clear();
    await loaded.model.dispose();
  }

  /** Unloads the model; unlike an idle unload, the next request does not reload it. */
  async unload(): Promise<void> {
    this.wanted = undefined;
    await this.loading;
    await this.unloadModel();
  }

  /** Releases everything; bounded, because a native dispose that never settles must not hang the caller. */
  async dispose(): Promise<void> {
    await this.unload();
    if (this.nativeLoadFailed) {
      void this.llama.dispose();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, disposeWaitMs);
      timer.unref();
    });
    await Promise.race([this.llama.dispose(), bound]);
    clearTimeout(timer);
  }
}
