// The OpenAI chat-completions wire format: the request body out, the streamed chunks (or a plain
// JSON answer from a server that ignores `stream`) in. Servers differ in what they add: llama-server
// sends `timings` (prompt tokens actually evaluated, after its prompt cache), OpenAI and vLLM send
// `usage` only when asked (`stream_options.include_usage`), some send neither.
import type { JsonSchema } from '../jsonSchema';
import type { ProviderRequest } from '../provider';
import { TransportFailure } from './httpExchange';

/** The answer broke the protocol or carried an error; the message completes "The server at host:port …". */
export class ServerAnswerError extends Error {
  override name = 'ServerAnswerError';
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatBodyOptions {
  model: string;
  temperature: number;
  maxTokens: number;
  /** false for a server that refused `response_format`: the schema then goes into the prompt. */
  structuredOutput: boolean;
}

/** Names allowed by OpenAI for a response format: letters, digits, `_` and `-`, 64 at most. */
function schemaName(task: string): string {
  return `llama_review_${task}`.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
}

function schemaInstruction(schema: JsonSchema): string {
  return `Answer with only a JSON value that follows this JSON schema, no other text:\n${JSON.stringify(schema)}`;
}

export function chatMessages(request: ProviderRequest, structuredOutput: boolean): ChatMessage[] {
  const { prompt, history = [], jsonSchema } = request;
  const question = jsonSchema && !structuredOutput ? `${prompt.prompt}\n\n${schemaInstruction(jsonSchema)}` : prompt.prompt;
  return [
    { role: 'system', content: prompt.systemPrompt },
    ...history.map((turn): ChatMessage => ({ role: turn.role, content: turn.text })),
    { role: 'user', content: question },
  ];
}

export function chatCompletionBody(request: ProviderRequest, options: ChatBodyOptions): string {
  const body: Record<string, unknown> = {
    model: options.model,
    messages: chatMessages(request, options.structuredOutput),
    stream: true,
    stream_options: { include_usage: true },
    temperature: options.temperature,
    max_tokens: options.maxTokens,
  };
  if (request.jsonSchema && options.structuredOutput) {
    body.response_format = { type: 'json_schema', json_schema: { name: schemaName(request.prompt.task), schema: request.jsonSchema, strict: true } };
  }
  return JSON.stringify(body);
}

interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number };
}

/** llama-server's own figures. */
interface Timings {
  prompt_n?: number;
  predicted_n?: number;
  predicted_per_second?: number;
}

interface Choice {
  delta?: { content?: string | null };
  message?: { content?: string | null };
  finish_reason?: string | null;
}

interface ChatChunk {
  model?: string;
  choices?: Choice[];
  usage?: Usage | null;
  timings?: Timings;
  error?: { message?: string } | string;
}

/** What came back, before it is turned into a GenerateResult. */
export interface ChatAnswer {
  text: string;
  /** Events that carried text: one token each on llama-server, Ollama and vLLM. */
  textEvents: number;
  finishReason?: string;
  /** The model the server says answered. */
  model?: string;
  usage?: Usage;
  timings?: Timings;
  /** performance.now() at the first text. */
  firstTextAt?: number;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function take(answer: ChatAnswer, chunk: ChatChunk, onText?: (text: string) => void): void {
  if (chunk.error) {
    const message = typeof chunk.error === 'string' ? chunk.error : (chunk.error.message ?? JSON.stringify(chunk.error));
    throw new ServerAnswerError(`reported an error mid-answer: ${message}`);
  }
  if (chunk.model) answer.model = chunk.model;
  if (chunk.usage) answer.usage = chunk.usage;
  if (chunk.timings) answer.timings = chunk.timings;
  const choice = chunk.choices?.[0];
  const text = choice?.delta?.content ?? choice?.message?.content;
  if (text) {
    answer.firstTextAt ??= performance.now();
    answer.text += text;
    answer.textEvents++;
    onText?.(text);
  }
  if (choice?.finish_reason) answer.finishReason = choice.finish_reason;
}

function parseChunk(data: string): ChatChunk {
  try {
    return JSON.parse(data) as ChatChunk;
  } catch {
    throw new ServerAnswerError(`sent something that is not an OpenAI-compatible chat answer: ${data.slice(0, 120)}`);
  }
}

/** Reads the SSE data of a streamed answer; the stream must end with `[DONE]` or a finish reason. */
export async function readChatStream(events: AsyncIterable<string>, signal: AbortSignal, onText?: (text: string) => void): Promise<ChatAnswer> {
  const answer: ChatAnswer = { text: '', textEvents: 0 };
  let done = false;
  for await (const data of events) {
    // Events already received when the caller cancels are not delivered: no text after a cancel.
    if (signal.aborted) throw new TransportFailure('aborted', 'The request was cancelled.');
    if (data.trim() === '[DONE]') {
      done = true;
      break;
    }
    take(answer, parseChunk(data), onText);
  }
  // A server that dies mid-answer may close the connection cleanly: no end marker means cut short.
  if (!done && !answer.finishReason) throw new TransportFailure('cut', 'the stream ended before the answer did');
  return answer;
}

/** A server that answers `stream: true` with one JSON object. */
export function readChatCompletion(body: string, onText?: (text: string) => void): ChatAnswer {
  const answer: ChatAnswer = { text: '', textEvents: 0 };
  take(answer, parseChunk(body), onText);
  return answer;
}

export interface AnswerCounts {
  promptTokensEvaluated: number;
  outputTokens: number;
  contextTokens: number;
  /** True when the server sent no counts and they were estimated. */
  estimated: boolean;
}

/** Token counts from `usage` / `timings` where the server sent them, else the given estimates. */
export function answerCounts(answer: ChatAnswer, estimatedPromptTokens: number): AnswerCounts {
  const { usage, timings } = answer;
  const promptTokens = positive(usage?.prompt_tokens);
  const cached = positive(usage?.prompt_tokens_details?.cached_tokens);
  const outputTokens = positive(usage?.completion_tokens) ?? positive(timings?.predicted_n);
  const evaluated = positive(timings?.prompt_n) ?? (promptTokens !== undefined ? promptTokens - (cached ?? 0) : undefined);
  const output = outputTokens ?? answer.textEvents;
  return {
    promptTokensEvaluated: evaluated ?? estimatedPromptTokens,
    outputTokens: output,
    contextTokens: (promptTokens ?? estimatedPromptTokens) + output,
    estimated: promptTokens === undefined || outputTokens === undefined,
  };
}
