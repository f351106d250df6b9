// When to ask a server again. A busy server (429, 503) gets a few more tries with exponential
// backoff, or the wait it names in Retry-After, within a total bound: the user is waiting, and the
// local model can answer instead. Anything else is answered at once, so a server that is down
// (connection refused) falls back quickly instead of in a retry loop.
import { setTimeout as sleep } from 'node:timers/promises';
import { TransportFailure, type Exchange } from './httpExchange';

/** The first backoff; each retry doubles it. */
export const firstBackoffMs = 500;
/** The longest single wait, whatever Retry-After says. */
export const longestBackoffMs = 10_000;
/** The most waiting over all retries of one request. */
export const totalBackoffMs = 30_000;

export function isBusyStatus(status: number): boolean {
  return status === 429 || status === 503;
}

/** Retry-After as seconds or an HTTP date; undefined when missing or unreadable. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  const text = header?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before retry number `retry` (0-based). */
export function backoffMs(retry: number, retryAfter?: string, now = Date.now()): number {
  return Math.min(longestBackoffMs, retryAfterMs(retryAfter, now) ?? firstBackoffMs * 2 ** retry);
}

export interface RetryOptions {
  maxRetries: number;
  signal: AbortSignal;
  onRetry?: (status: number, waitMs: number, retry: number) => void;
}

export interface SentExchange {
  exchange: Exchange;
  /** Busy answers retried before this one. */
  retries: number;
}

/** Sends until the answer is not busy, the retries are spent or the total wait would pass its bound. */
export async function sendWithRetries(send: () => Promise<Exchange>, options: RetryOptions): Promise<SentExchange> {
  let waited = 0;
  let resentOnFreshSocket = false;
  for (let retries = 0; ; ) {
    let exchange: Exchange;
    try {
      exchange = await send();
    } catch (error) {
      // A kept-alive socket the server closed while idle fails at once; one resend on a new socket is safe.
      if (error instanceof TransportFailure && error.reason === 'reset' && error.reusedSocket && !resentOnFreshSocket) {
        resentOnFreshSocket = true;
        continue;
      }
      throw error;
    }
    if (!isBusyStatus(exchange.status) || retries >= options.maxRetries) return { exchange, retries };
    const wait = backoffMs(retries, exchange.header('retry-after'));
    if (waited + wait > totalBackoffMs) return { exchange, retries };
    exchange.close();
    options.onRetry?.(exchange.status, wait, retries + 1);
    try {
      await sleep(wait, undefined, { signal: options.signal });
    } catch {
      throw new TransportFailure('aborted', 'The request was cancelled.');
    }
    waited += wait;
    retries++;
  }
}
