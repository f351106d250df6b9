// An OpenAI-compatible server (llama-server, Ollama, vLLM, LM Studio, a team's proxy) as a
// provider: streamed chat completions, JSON answers held to the schema by the server where it can
// and always checked here, and failures sorted into 'unreachable' (the router falls back to the
// local model) and 'rejected' (a setting to fix). Keys, headers and, unless asked, prompts never
// reach the log.
import type { ModelTask } from '../catalogSchema';
import { errorMessage, ModelError } from '../errors';
import { parseJsonAnswer } from '../jsonAnswer';
import { estimateTokens } from '../prompts';
import type { ModelProvider, ProviderAskOptions, ProviderDescription, ProviderRequest } from '../provider';
import type { GenerateResult } from '../requests';
import type { ModelSettings } from '../settings';
import { answerCounts, chatCompletionBody, readChatCompletion, readChatStream, ServerAnswerError, type ChatAnswer } from './chatCompletion';
import { ConnectionPool, openExchange, TransportFailure, type Exchange } from './httpExchange';
import { sendWithRetries } from './retryPolicy';
import type { ModelLog } from '../modelLog';
import { endpoint, requireBaseUrl } from './serverAddress';
import { describeServer } from './serverDescription';
import { modelHint, rejectsResponseFormat, statusError, transportError, withoutSecrets, type ExchangeContext } from './serverErrors';
import { serverSentData } from './serverSentEvents';

/** The settings this provider reads: the server, each task's temperature / max tokens / server model, logPrompts. */
export type OpenAiProviderSettings = Pick<ModelSettings, 'server' | 'tasks' | 'logPrompts'>;

/** Error bodies longer than this are not worth reading. */
const errorBodyChars = 64_000;

interface Sent {
  exchange: Exchange;
  retries: number;
}

export class OpenAiProvider implements ModelProvider {
  private readonly pool = new ConnectionPool();
  private readonly inFlight = new Set<AbortController>();
  private listed?: Promise<string[]>;
  /** Cleared when the server refuses `response_format` once; later JSON answers are asked for in the prompt. */
  private structuredOutput = true;
  private disposed = false;

  constructor(
    private readonly settings: OpenAiProviderSettings,
    private readonly log: ModelLog = () => undefined,
  ) {}

  describe(): ProviderDescription {
    return describeServer(this.settings.server);
  }

  /** The models the server lists (`GET {baseUrl}/models`), in its order. */
  listModels(signal?: AbortSignal): Promise<string[]> {
    const listing = this.tracked(signal, (tracked) => this.fetchModels(tracked));
    this.listed = listing;
    listing.catch(() => {
      if (this.listed === listing) this.listed = undefined;
    });
    return listing;
  }

  async ask(request: ProviderRequest, options: ProviderAskOptions = {}): Promise<GenerateResult> {
    return this.tracked(options.signal, (signal) => this.askNow(request, options, signal));
  }

  async endConversation(): Promise<void> {
    // The whole transcript goes with every request: nothing is kept per conversation.
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
    this.pool.destroy();
  }

  private async askNow(request: ProviderRequest, options: ProviderAskOptions, signal: AbortSignal): Promise<GenerateResult> {
    const base = requireBaseUrl(this.settings.server.baseUrl);
    const task = this.settings.tasks[request.prompt.task];
    const model = await this.modelFor(request.prompt.task, signal);
    const url = endpoint(base, 'chat/completions');
    const context = this.context('POST', url, model);
    let structured = request.jsonSchema !== undefined && this.structuredOutput;
    options.onModel?.(model, 'loading');
    this.logPrompt(request, structured);
    const started = performance.now();
    const send = () => this.send(url, chatCompletionBody(request, { model, temperature: task.temperature, maxTokens: task.maxTokens, structuredOutput: structured }), context, signal);
    try {
      let sent = await send();
      if (sent.exchange.status !== 200) {
        const body = await sent.exchange.text(errorBodyChars);
        if (!structured || !rejectsResponseFormat(sent.exchange.status, body)) throw statusError(sent.exchange.status, body, context, sent.retries);
        this.structuredOutput = structured = false;
        this.log('warn', `${context.where} does not take response_format: JSON answers are asked for in the prompt, and checked as before.`);
        sent = await send();
        if (sent.exchange.status !== 200) throw statusError(sent.exchange.status, await sent.exchange.text(errorBodyChars), context, sent.retries);
      }
      options.onModel?.(model, 'loaded');
      const answer = await this.readAnswer(sent.exchange, signal, options.onText);
      const { result, estimated } = this.result(request, model, answer, started);
      const counts = `prompt=${result.promptTokensEvaluated} output=${result.outputTokens}${estimated ? ' (estimated: the server sent no usage)' : ''}`;
      this.log('debug', `POST ${context.path} model=${model} status=200 ${counts} first-token=${result.timeToFirstTokenMs} ms total=${result.generationMs} ms`);
      if (this.settings.logPrompts) this.log('debug', `answer: ${result.text}`);
      return result;
    } catch (error) {
      throw this.failure(error, context, signal);
    }
  }

  private async readAnswer(exchange: Exchange, signal: AbortSignal, onText?: (text: string) => void): Promise<ChatAnswer> {
    try {
      const streamed = (exchange.header('content-type') ?? '').includes('text/event-stream');
      return streamed ? await readChatStream(serverSentData(exchange.chunks()), signal, onText) : readChatCompletion(await exchange.text(), onText);
    } finally {
      exchange.close();
    }
  }

  private result(request: ProviderRequest, model: string, answer: ChatAnswer, started: number): { result: GenerateResult; estimated: boolean } {
    const finished = performance.now();
    const history = request.history ?? [];
    const estimatedPrompt = request.prompt.promptTokens + history.reduce((sum, turn) => sum + estimateTokens(turn.text), 0);
    const counts = answerCounts(answer, estimatedPrompt);
    const truncated = answer.finishReason === 'length';
    // Decoding speed: the tokens after the first, over the time after it (as the local engine counts it).
    const decodeSeconds = answer.firstTextAt === undefined ? 0 : (finished - answer.firstTextAt) / 1000;
    const result: GenerateResult = {
      modelId: model,
      text: answer.text,
      json: request.jsonSchema ? parseJsonAnswer(answer.text, request.jsonSchema, truncated) : undefined,
      promptTokensEvaluated: counts.promptTokensEvaluated,
      outputTokens: counts.outputTokens,
      contextTokens: counts.contextTokens,
      timeToFirstTokenMs: Math.round((answer.firstTextAt ?? finished) - started),
      generationMs: Math.round(finished - started),
      tokensPerSecond: decodeSeconds > 0 && counts.outputTokens > 1 ? (counts.outputTokens - 1) / decodeSeconds : 0,
      truncated,
    };
    return { result, estimated: counts.estimated };
  }

  /** The task's server model, else the server's, else the first the server lists. */
  private async modelFor(task: ModelTask, signal: AbortSignal): Promise<string> {
    const named = this.settings.tasks[task].serverModel?.trim() || this.settings.server.model.trim();
    if (named) return named;
    if (!this.listed) {
      const listing = this.fetchModels(signal);
      this.listed = listing;
      listing.catch(() => {
        if (this.listed === listing) this.listed = undefined;
      });
    }
    const models = await this.listed;
    if (models.length > 0) return models[0];
    const where = requireBaseUrl(this.settings.server.baseUrl).host;
    throw new ModelError('rejected', `The server at ${where} lists no models. Set ${modelHint}.`);
  }

  private async fetchModels(signal: AbortSignal): Promise<string[]> {
    const url = endpoint(requireBaseUrl(this.settings.server.baseUrl), 'models');
    const context = this.context('GET', url);
    try {
      const { exchange, retries } = await this.send(url, undefined, context, signal);
      const body = await exchange.text();
      if (exchange.status !== 200) throw statusError(exchange.status, body, context, retries);
      const models = modelIds(body);
      if (!models) throw new ServerAnswerError(`sent a model list that is not OpenAI-compatible: ${body.slice(0, 120)}`);
      this.log('debug', `GET ${context.path} status=200 models=${models.length}`);
      return models;
    } catch (error) {
      throw this.failure(error, context, signal);
    }
  }

  private async send(url: URL, body: string | undefined, context: ExchangeContext, signal: AbortSignal): Promise<Sent> {
    const { server } = this.settings;
    const sentAt = performance.now();
    const sent = await sendWithRetries(
      () =>
        openExchange({
          method: body === undefined ? 'GET' : 'POST',
          url,
          headers: this.headers(body !== undefined),
          body,
          connectTimeoutMs: server.connectTimeoutMs,
          stallTimeoutMs: server.stallTimeoutMs,
          signal,
          pool: this.pool,
        }),
      {
        maxRetries: server.maxRetries,
        signal,
        onRetry: (status, waitMs, retry) => this.log('info', `${context.method} ${context.path} answered ${status}; retry ${retry} of ${server.maxRetries} in ${waitMs} ms`),
      },
    );
    if (sent.exchange.status !== 200) this.log('debug', `${context.method} ${context.path} status=${sent.exchange.status} after ${Math.round(performance.now() - sentAt)} ms`);
    return sent;
  }

  /** Settings headers, then the key: names lower-cased so that a second spelling cannot sneak in twice. */
  private headers(withBody: boolean): Record<string, string> {
    const headers: Record<string, string> = { 'user-agent': 'llama-review', accept: withBody ? 'text/event-stream, application/json' : 'application/json' };
    if (withBody) headers['content-type'] = 'application/json';
    for (const [name, value] of Object.entries(this.settings.server.headers)) headers[name.toLowerCase()] = value;
    const key = this.settings.server.apiKey?.trim();
    if (key) headers.authorization = `Bearer ${key}`;
    return headers;
  }

  private context(method: string, url: URL, model?: string): ExchangeContext {
    const { server } = this.settings;
    return {
      where: url.host,
      method,
      path: url.pathname,
      model,
      hasApiKey: Boolean(server.apiKey?.trim()),
      connectTimeoutMs: server.connectTimeoutMs,
      stallTimeoutMs: server.stallTimeoutMs,
    };
  }

  /** Every failure as a ModelError, with nothing secret in it, logged once. */
  private failure(error: unknown, context: ExchangeContext, signal: AbortSignal): ModelError {
    let failure: ModelError;
    if (signal.aborted) failure = new ModelError('aborted', 'The request was cancelled.');
    else if (error instanceof TransportFailure) failure = transportError(error, context);
    else if (error instanceof ServerAnswerError) failure = new ModelError('internal', `The server at ${context.where} ${error.message}.`);
    else if (error instanceof ModelError) failure = error;
    else failure = new ModelError('internal', `The request to the server at ${context.where} failed: ${errorMessage(error)}`);
    const { apiKey, headers } = this.settings.server;
    failure = withoutSecrets(failure, [...(apiKey ? [apiKey] : []), ...Object.values(headers)]);
    if (failure.kind !== 'aborted') this.log('warn', `${context.method} ${context.path} failed: ${failure.message}`);
    return failure;
  }

  private logPrompt(request: ProviderRequest, structured: boolean): void {
    if (!this.settings.logPrompts) return;
    const turns = (request.history ?? []).map((turn) => `${turn.role}: ${turn.text}`);
    this.log('debug', [`prompt (${request.prompt.task}${request.jsonSchema ? structured ? ', JSON schema' : ', JSON schema in the prompt' : ''}):`, `system: ${request.prompt.systemPrompt}`, ...turns, `user: ${request.prompt.prompt}`].join('\n'));
  }

  /** Runs a request that the caller's signal and dispose() both cancel. */
  private async tracked<T>(signal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.disposed) throw new ModelError('aborted', 'The OpenAI-compatible server provider was closed.');
    const controller = new AbortController();
    const forward = () => controller.abort();
    if (signal?.aborted) controller.abort();
    signal?.addEventListener('abort', forward, { once: true });
    this.inFlight.add(controller);
    try {
      return await run(controller.signal);
    } finally {
      signal?.removeEventListener('abort', forward);
      this.inFlight.delete(controller);
    }
  }
}

/** `data[].id` (OpenAI, llama-server, vLLM, LM Studio, Ollama's /v1), or Ollama's own `models[].name`. */
function modelIds(body: string): string[] | undefined {
  try {
    const parsed = JSON.parse(body) as { data?: { id?: unknown }[]; models?: { name?: unknown; model?: unknown }[] };
    const fromData = parsed.data?.map((entry) => entry.id);
    const fromModels = parsed.models?.map((entry) => entry.name ?? entry.model);
    const ids = fromData ?? fromModels;
    if (!Array.isArray(ids)) return undefined;
    return ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
  } catch {
    return undefined;
  }
}
