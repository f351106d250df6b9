// What a server's failure means for the user, as a ModelError kind the router acts on:
// 'unreachable' (down, silent, stalled, cut off, busy after retries) lets the local model answer;
// 'rejected' (key, URL, model, request) is a setting to fix and is shown as it is.
import { ModelError } from '../errors';
import type { TransportFailure } from './httpExchange';

export interface ExchangeContext {
  /** host:port, as the user wrote it in the base URL. */
  where: string;
  method: string;
  /** The URL's path only: never the query, which may carry a key. */
  path: string;
  model?: string;
  hasApiKey: boolean;
  connectTimeoutMs: number;
  stallTimeoutMs: number;
}

export const apiKeyHint = 'the API key (LLAMA_REVIEW_API_KEY for the CLI; the stored API key in the editor)';
export const addressHint = 'the server URL, up to /v1 (LLAMA_REVIEW_BASE_URL)';
export const modelHint = 'the server model (LLAMA_REVIEW_SERVER_MODEL; empty uses the first model the server lists)';

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export function transportError(failure: TransportFailure, context: ExchangeContext): ModelError {
  const server = `The server at ${context.where}`;
  switch (failure.reason) {
    case 'aborted':
      return new ModelError('aborted', 'The request was cancelled.');
    case 'refused':
      return new ModelError('unreachable', `${server} refused the connection: nothing is listening there. Is the server running? Check ${addressHint}.`);
    case 'dns':
      return new ModelError('unreachable', `${server} could not be found: the host name does not resolve. Check ${addressHint}.`);
    case 'no-answer':
      return new ModelError('unreachable', `${server} did not answer within ${seconds(context.connectTimeoutMs)}.`);
    case 'stalled':
      return new ModelError('unreachable', `${server} stopped sending for ${seconds(context.stallTimeoutMs)}.`);
    case 'cut':
      return new ModelError('unreachable', `${server} closed the connection mid-answer.`);
    case 'reset':
      return new ModelError('unreachable', `${server} closed the connection before answering.`);
    case 'tls':
      return new ModelError('rejected', `${server} failed the TLS check (${failure.code ?? failure.message}). Check ${addressHint}.`);
    case 'network':
      return new ModelError('unreachable', `${server} could not be reached (${failure.code ?? failure.message}).`);
  }
}

/** The `error.message` of an OpenAI-style error body, else the body's start. */
export function serverMessage(body: string): string {
  let message = body;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown; detail?: unknown };
    const candidate = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message ?? parsed.detail);
    if (typeof candidate === 'string') message = candidate;
  } catch {
    // not JSON: the text itself
  }
  const oneLine = message.replace(/\s+/g, ' ').trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
}

/** A 400 that names the structured-output parameter: the server does not take JSON schemas. */
export function rejectsResponseFormat(status: number, body: string): boolean {
  return status === 400 && /response_format|json_schema/i.test(body);
}

export function statusError(status: number, body: string, context: ExchangeContext, retries: number): ModelError {
  const server = `The server at ${context.where}`;
  const said = serverMessage(body);
  const saying = said ? `: ${said}` : '.';
  if (status === 401 || status === 403) {
    return new ModelError('rejected', `${server} refused ${context.hasApiKey ? 'the API key' : 'a request without an API key'} (${status}). ${context.hasApiKey ? 'Check' : 'Set'} ${apiKeyHint}.`);
  }
  if (status === 404) {
    const model = context.model ? ` or the model "${context.model}"` : '';
    return new ModelError('rejected', `${server} does not know ${context.method} ${context.path}${model} (404). Check ${addressHint} and ${modelHint}.`);
  }
  if (status === 429 || status === 503) {
    const tries = retries === 1 ? '1 retry' : `${retries} retries`;
    return new ModelError('unreachable', `${server} stayed busy (${status}) after ${tries}${saying}`);
  }
  if (status === 502 || status === 504) return new ModelError('unreachable', `${server} answered ${status}: it could not reach its model${saying}`);
  if (status >= 400 && status < 500) return new ModelError('rejected', `${server} rejected the request (${status})${saying}`);
  return new ModelError('internal', `${server} failed (${status})${saying}`);
}

/** A server that echoes a secret in an error message must not get it into the log or the UI. */
export function withoutSecrets(error: ModelError, secrets: readonly string[]): ModelError {
  let message = error.message;
  for (const secret of secrets) if (secret.length >= 4) message = message.split(secret).join('***');
  return message === error.message ? error : new ModelError(error.kind, message);
}
