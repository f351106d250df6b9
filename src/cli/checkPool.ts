// Spreads `llama-review check` over worker threads, one analyzer each; results come back in the
// files' order. Analysis always runs in a worker when one can start: a file that runs past its
// time or memory bound, or crashes its thread, only costs that worker, which is replaced, and the
// file is reported as skipped with the reason. Workers that cannot start: the main thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Analyzer, defaultTimeBudgetMs } from '../analysis/engine';
import { checkFile, skippedOutcome, type FileCheckOutcome, type FileCheckRequest } from './checkFile';
import { CheckWorkerHost, type FileRun } from './checkWorkerHost';
import { maxFixRounds } from './fixFile';

/** Below this many files per extra worker, its start-up (own wasm and query compile) costs more than it saves. */
const filesPerWorker = 16;
const maxAutoJobs = 8;
export const defaultMemoryLimitMb = 1024;
/** The memory watch: how often, and the allowance on top of the workers' shares for their start-up and the main thread. */
const memoryWatchMs = 250;
const allowanceMb = 512;

export interface CheckLimits {
  /** Each worker's JS heap, and past it after a file the worker is replaced. */
  memoryLimitMb: number;
  /** Added to each file's wall-clock limit for start-up, reading and writing (default 1,000 ms). */
  slackMs?: number;
}

/** Jobs for `files` files: the setting, or as many cores as there is work for. */
export function jobCount(setting: number | 'auto', files: number): number {
  if (setting !== 'auto') return Math.max(1, Math.floor(setting));
  return Math.max(1, Math.min(availableParallelism(), maxAutoJobs, Math.floor(files / filesPerWorker)));
}

/**
 * Wall-clock limit for one file in a worker: the engine's budget for each analysis the check may
 * run (with --fix, one per round), half of it again for rules that overrun it, and the slack.
 */
export function fileTimeLimitMs(request: FileCheckRequest, slackMs = 1000): number {
  const analyses = request.fix ? maxFixRounds + 1 : 1;
  return Math.ceil(analyses * (request.options.timeBudgetMs ?? defaultTimeBudgetMs) * 1.5 + slackMs);
}

/** The worker script beside this module: dist/checkWorker.js in the bundle, out/src/cli in tests. */
function workerScript(): string | undefined {
  const script = join(__dirname, 'checkWorker.js');
  return existsSync(script) ? script : undefined;
}

async function checkOnMainThread(requests: readonly FileCheckRequest[]): Promise<FileCheckOutcome[]> {
  const analyzer = await Analyzer.create();
  try {
    const outcomes: FileCheckOutcome[] = [];
    for (const request of requests) outcomes.push(await checkFile(analyzer, request));
    return outcomes;
  } finally {
    analyzer.dispose();
  }
}

/** What a file's outcome is when its worker did not return one; undefined means "try it again". */
function outcomeOfLostRun(request: FileCheckRequest, run: Exclude<FileRun, { kind: 'done' }>, retried: boolean, limits: CheckLimits): FileCheckOutcome | undefined {
  if (run.kind === 'timeout') {
    const limit = fileTimeLimitMs(request, limits.slackMs);
    return skippedOutcome(request, { reason: 'timeout', message: `Skipped: checking it ran past ${limit} ms, so its worker was stopped and replaced.` });
  }
  if (run.outOfMemory) {
    return skippedOutcome(request, { reason: 'memory', message: `Skipped: checking it needed more than ${limits.memoryLimitMb} MB, so its worker was stopped and replaced.` });
  }
  // A crash may be the previous file's doing: one more try on a fresh worker.
  if (!retried) return undefined;
  return skippedOutcome(request, { reason: 'worker-crashed', message: `Skipped: its check worker crashed twice (${run.message}).` });
}

export interface CheckRun {
  /** One outcome per request, in the requests' order. */
  outcomes: FileCheckOutcome[];
  /** Worker threads that checked at least one file; 0 when the main thread did everything. */
  workers: number;
  /** Workers stopped and replaced: overran, out of memory, crashed, or asked to be. */
  replacedWorkers: number;
}

export async function checkFiles(requests: readonly FileCheckRequest[], jobs: number, limits: CheckLimits = { memoryLimitMb: defaultMemoryLimitMb }): Promise<CheckRun> {
  const script = workerScript();
  if (!script) return { outcomes: await checkOnMainThread(requests), workers: 0, replacedWorkers: 0 };
  const outcomes: FileCheckOutcome[] = new Array(requests.length);
  let taken = 0;
  const next = () => (taken < requests.length ? taken++ : undefined);
  const running = new Map<CheckWorkerHost, number>();
  let replacedWorkers = 0;
  let usefulWorkers = 0;

  // Wasm memory is outside the workers' heap limit: the whole process is watched too, and the
  // worker longest on its file is stopped when what the run added goes past every worker's share.
  const baselineMb = process.memoryUsage.rss() / 1024 / 1024;
  const watch = setInterval(() => {
    if (process.memoryUsage.rss() / 1024 / 1024 - baselineMb <= running.size * limits.memoryLimitMb + allowanceMb) return;
    const [longest] = [...running].sort((a, b) => a[1] - b[1])[0] ?? [];
    longest?.kill('the process ran past its memory limit');
  }, memoryWatchMs);
  watch.unref();

  const lane = async (): Promise<void> => {
    let host: CheckWorkerHost | undefined;
    let checked = 0;
    const retried = new Set<number>();
    for (let index = next(); index !== undefined; ) {
      if (!host) {
        try {
          host = await CheckWorkerHost.start(script, limits.memoryLimitMb);
        } catch {
          return; // this file and the rest of the lane's share go to the main thread below
        }
      }
      running.set(host, performance.now());
      const run = await host.check(index, requests[index], fileTimeLimitMs(requests[index], limits.slackMs));
      running.delete(host);
      if (run.kind === 'done') {
        outcomes[index] = run.outcome;
        if (checked++ === 0) usefulWorkers++;
        if (run.recycle) {
          await host.terminate();
          host = undefined;
          replacedWorkers++;
        }
        index = next();
        continue;
      }
      host = undefined;
      replacedWorkers++;
      const outcome = outcomeOfLostRun(requests[index], run, retried.has(index), limits);
      if (!outcome) {
        retried.add(index);
        continue;
      }
      outcomes[index] = outcome;
      index = next();
    }
    await host?.stop();
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, jobs) }, lane));
  } finally {
    clearInterval(watch);
  }
  // A lane whose worker could not start leaves gaps; the main thread fills them.
  const missing = requests.map((_, index) => index).filter((index) => !outcomes[index]);
  if (missing.length > 0) {
    const redone = await checkOnMainThread(missing.map((index) => requests[index]));
    missing.forEach((index, position) => (outcomes[index] = redone[position]));
  }
  return { outcomes, workers: usefulWorkers, replacedWorkers };
}
