// Triage of many findings: cache hits first (free), then at most `maxFindings` questions, with
// `concurrency` in flight (one for the local model, which answers one at a time anyway; the
// server's setting for a team server). Cancelling stops at once and returns what is done; a
// failure that no other finding would escape (no model, a server that refuses) stops the batch.
import { isAbortError } from '../errors';
import type { ProviderKind } from '../provider';
import type { ModelSettings } from '../settings';
import type { TriageCache } from './triageCache';
import { askTriage, prepareTriage, type PreparedTriage, type TriageAsker, type TriageResult, type TriageSubject } from './triageFinding';

export interface TriageProgress {
  done: number;
  total: number;
}

export interface TriageBatchOptions {
  asker: TriageAsker;
  /** Questions in flight at once: triageConcurrency(). */
  concurrency: number;
  /** Most findings to ask the model about in this run; cache hits do not count. */
  maxFindings: number;
  cache?: TriageCache;
  /** triageAskedOf() for the settings in use: part of the cache key. */
  askedOf?: string;
  signal?: AbortSignal;
  /** After the cache hits, then after each answer; `total` is the hits plus the questions this run will ask. */
  onProgress?: (progress: TriageProgress) => void;
}

export interface TriageBatchOutcome {
  /** In the subjects' order; undefined where a finding was not triaged (over the budget, cancelled, stopped). */
  results: (TriageResult | undefined)[];
  /** Each subject's prompt and cache key, in the same order: what a result's verdict was held to. */
  prepared: PreparedTriage[];
  /** Questions answered in this run. */
  asked: number;
  fromCache: number;
  /** Findings left out by `maxFindings`. */
  overBudget: number;
  /** The signal fired before the batch was done. */
  cancelled: boolean;
  /** The failure that stopped the batch early, when one did. */
  stopped?: Error;
}

/** The local model takes one question at a time; a server as many as its setting allows. */
export function triageConcurrency(settings: Pick<ModelSettings, 'server'>, kind: ProviderKind): number {
  return kind === 'local' ? 1 : Math.max(1, settings.server.concurrency);
}

export async function triageBatch(subjects: readonly TriageSubject[], options: TriageBatchOptions): Promise<TriageBatchOutcome> {
  const prepared = subjects.map((subject) => prepareTriage(subject, options.askedOf));
  const results: (TriageResult | undefined)[] = prepared.map((each) => options.cache?.get(each.cacheKey));
  const misses = prepared.map((_, index) => index).filter((index) => !results[index]);
  const queue = misses.slice(0, Math.max(0, options.maxFindings));
  const total = prepared.length - misses.length + queue.length;
  let done = prepared.length - misses.length;
  let asked = 0;
  let stopped: Error | undefined;
  // One controller for the batch: the caller's signal, or a stopping failure, ends every question in flight.
  const batch = new AbortController();
  const cancel = () => batch.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', cancel, { once: true });
  if (options.signal?.aborted) cancel();
  options.onProgress?.({ done, total });

  let next = 0;
  const worker = async () => {
    while (!batch.signal.aborted && next < queue.length) {
      const index = queue[next++];
      try {
        const result = await askTriage(prepared[index], options.asker, { cache: options.cache, signal: batch.signal });
        results[index] = result;
        // A finding with the same prompt as one answered earlier in the batch comes from the cache.
        if (!result.cached) asked++;
      } catch (error) {
        if (!isAbortError(error) || !batch.signal.aborted) {
          stopped ??= error as Error;
          batch.abort();
        }
        return;
      }
      options.onProgress?.({ done: ++done, total });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(Math.max(1, options.concurrency), queue.length) }, worker));
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
  const fromCache = results.filter((result) => result?.cached).length;
  return { results, prepared, asked, fromCache, overBudget: misses.length - queue.length, cancelled: options.signal?.aborted ?? false, stopped };
}
