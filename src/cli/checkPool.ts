// Spreads `llama-review check` over worker threads, one analyzer each; results come back in the
// files' order. Few files, one job, or workers that cannot start: the main thread does the work.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Analyzer } from '../analysis/engine';
import { checkFile, type FileCheckOutcome, type FileCheckRequest } from './checkFile';
import type { WorkerReply, WorkerRequest } from './checkWorker';

/** Below this many files a worker's start-up (its own wasm and query compile) costs more than it saves. */
const filesPerWorker = 16;
const maxAutoJobs = 8;

/** Jobs for `files` files: the setting, or as many cores as there is work for. */
export function jobCount(setting: number | 'auto', files: number): number {
  if (setting !== 'auto') return Math.max(1, Math.floor(setting));
  return Math.max(1, Math.min(availableParallelism(), maxAutoJobs, Math.floor(files / filesPerWorker)));
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

/** One worker pulling from the shared queue until it is empty; resolves with the files it checked. */
function runWorker(script: string, requests: readonly FileCheckRequest[], next: () => number, outcomes: FileCheckOutcome[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script);
    let current = -1;
    let checked = 0;
    const sendNext = () => {
      current = next();
      if (current >= requests.length) {
        worker.postMessage({ stop: true } satisfies WorkerRequest);
        return;
      }
      worker.postMessage({ index: current, request: requests[current] } satisfies WorkerRequest);
    };
    worker.on('message', (reply: WorkerReply) => {
      if ('failed' in reply) {
        reject(new Error(reply.failed));
        void worker.terminate();
      } else if ('ready' in reply) {
        sendNext();
      } else {
        outcomes[reply.index] = reply.outcome;
        checked++;
        sendNext();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (current < requests.length && code !== 0 ? reject(new Error(`A check worker stopped with code ${code}.`)) : resolve(checked)));
  });
}

export interface CheckRun {
  /** One outcome per request, in the requests' order. */
  outcomes: FileCheckOutcome[];
  /** Worker threads that checked at least one file; 0 when the main thread did everything. */
  workers: number;
}

export async function checkFiles(requests: readonly FileCheckRequest[], jobs: number): Promise<CheckRun> {
  const script = workerScript();
  if (jobs <= 1 || !script) return { outcomes: await checkOnMainThread(requests), workers: 0 };
  const outcomes: FileCheckOutcome[] = new Array(requests.length);
  let taken = 0;
  const next = () => taken++;
  // Every worker finishes (or fails) before gaps are filled, so no file is checked twice at once.
  const runs = await Promise.allSettled(Array.from({ length: jobs }, () => runWorker(script, requests, next, outcomes)));
  // A worker that could not start or died leaves gaps; the main thread fills them.
  const missing = requests.map((_, index) => index).filter((index) => !outcomes[index]);
  if (missing.length > 0) {
    const redone = await checkOnMainThread(missing.map((index) => requests[index]));
    missing.forEach((index, position) => (outcomes[index] = redone[position]));
  }
  return { outcomes, workers: runs.filter((run) => run.status === 'fulfilled' && run.value > 0).length };
}
