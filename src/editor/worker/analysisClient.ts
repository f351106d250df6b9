// Runs analysis on a worker thread, so a slow or hostile file never blocks the extension host.
// Requests go to the worker one at a time; a newer request for the same document replaces one
// still waiting. A worker that overruns its budget, traps or dies is replaced by a fresh one, and
// the file it was on is reported as skipped, with the reason.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalysisResult, AnalyzeOptions } from '../../analysis/engine';
import { defaultTimeBudgetMs } from '../../analysis/engine';
import type { WorkerReply, WorkerRequest } from './protocol';

export interface AnalysisOutcome {
  result: AnalysisResult;
  /** Time the worker spent on the request. */
  workerMs: number;
  /** Time the request waited for the worker. */
  queuedMs: number;
}

/** Past its time budget the analysis stops itself; a worker still busy after this much longer is stuck. */
const graceMs = 2000;

type Task =
  | { kind: 'analyze'; key?: string; text: string; language: string; options: AnalyzeOptions; queuedAt: number; settle: (outcome: AnalysisOutcome | undefined) => void }
  | { kind: 'forget'; cacheKey: string }
  | { kind: 'forgetProjectFiles' };

function workerScript(): string {
  // The bundle keeps it beside extension.js; compiled tests find it beside this file.
  const bundled = join(__dirname, 'analysisWorker.js');
  return existsSync(bundled) ? bundled : join(__dirname, '..', '..', '..', 'dist', 'analysisWorker.js');
}

function skippedResult(text: string, message: string): AnalysisResult {
  return {
    findings: [],
    skipped: { reason: 'analysis-error', message },
    hasSyntaxErrors: false,
    ruleErrors: [],
    timings: { parseMs: 0, checkMs: 0, flowMs: 0 },
    lineCount: text.length === 0 ? 0 : text.split(/\r\n|\r|\n/).length,
  };
}

export class AnalysisClient {
  private worker: Worker | undefined;
  private starting: Promise<void> | undefined;
  private readonly queue: Task[] = [];
  private running: { id: number; task: Task; timer?: ReturnType<typeof setTimeout> } | undefined;
  private nextId = 1;
  private languages = new Set<string>();
  private disposed = false;
  /** Workers started, the first included: more than one means a replacement happened. */
  workersStarted = 0;

  private constructor(private readonly log: (level: 'info' | 'warn' | 'error', message: string) => void) {}

  /** Starts the worker and waits until its grammars are loaded. */
  static async start(log: (level: 'info' | 'warn' | 'error', message: string) => void): Promise<AnalysisClient> {
    const client = new AnalysisClient(log);
    await client.spawn();
    return client;
  }

  supports(language: string): boolean {
    return this.languages.has(language);
  }

  /** Analyses text on the worker; undefined when a newer request for the same key replaced this one. */
  analyze(text: string, language: string, options: AnalyzeOptions): Promise<AnalysisOutcome | undefined> {
    return new Promise((settle) => {
      if (this.disposed) return settle(undefined);
      const key = options.cacheKey;
      if (key) {
        const waiting = this.queue.findIndex((task) => task.kind === 'analyze' && task.key === key);
        if (waiting >= 0) {
          const [replaced] = this.queue.splice(waiting, 1);
          if (replaced.kind === 'analyze') replaced.settle(undefined);
        }
      }
      this.queue.push({ kind: 'analyze', key, text, language, options, queuedAt: performance.now(), settle });
      this.pump();
    });
  }

  forget(cacheKey: string): void {
    this.queue.push({ kind: 'forget', cacheKey });
    this.pump();
  }

  /** Project files were created, deleted or renamed: cross-file flow must read them again. */
  forgetProjectFiles(): void {
    this.queue.push({ kind: 'forgetProjectFiles' });
    this.pump();
  }

  private spawn(): Promise<void> {
    this.starting ??= new Promise<void>((resolve, reject) => {
      const worker = new Worker(workerScript());
      this.workersStarted++;
      const onFirst = (reply: WorkerReply) => {
        if (reply.kind === 'ready') {
          this.languages = new Set(reply.languages);
          this.worker = worker;
          worker.on('message', (message: WorkerReply) => this.onReply(message));
          resolve();
        } else if (reply.kind === 'failed') {
          reject(new Error(reply.message));
          void worker.terminate();
        }
      };
      worker.once('message', onFirst);
      worker.on('error', (error) => {
        if (this.worker !== worker) reject(error);
        else this.log('error', `The analysis worker failed: ${error.stack ?? error}`);
      });
      worker.on('exit', (code) => this.onExit(worker, code));
    }).finally(() => (this.starting = undefined));
    return this.starting;
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    if (!this.worker) {
      if (!this.starting) this.spawn().then(() => this.pump(), (error: Error) => this.failAll(`The analysis worker could not start: ${error.message}`));
      return;
    }
    const task = this.queue.shift();
    if (!task) return;
    const id = this.nextId++;
    const request: WorkerRequest =
      task.kind === 'analyze'
        ? { id, kind: 'analyze', text: task.text, language: task.language, options: task.options }
        : task.kind === 'forget'
          ? { id, kind: 'forget', cacheKey: task.cacheKey }
          : { id, kind: 'forgetProjectFiles' };
    this.running = { id, task };
    if (task.kind === 'analyze') {
      const limit = (task.options.timeBudgetMs ?? defaultTimeBudgetMs) + graceMs;
      this.running.timer = setTimeout(() => this.onOverrun(id, limit), limit);
    }
    this.worker.postMessage(request);
  }

  private finish(id: number): Task | undefined {
    if (!this.running || this.running.id !== id) return undefined;
    const { task, timer } = this.running;
    clearTimeout(timer);
    this.running = undefined;
    return task;
  }

  private onReply(reply: WorkerReply): void {
    if (reply.kind !== 'result' && reply.kind !== 'error' && reply.kind !== 'done') return;
    const task = this.finish(reply.id);
    if (task?.kind === 'analyze') {
      const queuedMs = performance.now() - task.queuedAt;
      if (reply.kind === 'result') task.settle({ result: reply.result, workerMs: reply.workerMs, queuedMs: queuedMs - reply.workerMs });
      else if (reply.kind === 'error') {
        this.log('error', `Analysis failed: ${reply.message}`);
        task.settle({ result: skippedResult(task.text, `Skipped: analysis failed (${firstLine(reply.message)}).`), workerMs: 0, queuedMs });
      }
    }
    if (reply.kind === 'result' && reply.retiring) {
      this.log('warn', 'The parser crashed in the analysis worker and recovered; the worker is replaced so no damage carries over.');
      const retired = this.worker;
      this.worker = undefined;
      void retired?.terminate();
    }
    // After a fatal error the worker exits by itself; onExit starts the next one.
    if (reply.kind !== 'error' || !reply.fatal) this.pump();
  }

  private onOverrun(id: number, limit: number): void {
    const task = this.finish(id);
    if (task?.kind !== 'analyze') return;
    this.log('warn', `Analysis ran ${limit} ms without finishing; the analysis worker is replaced.`);
    task.settle({ result: skippedResult(task.text, `Skipped: analysis did not finish within ${limit} ms.`), workerMs: limit, queuedMs: 0 });
    const stuck = this.worker;
    this.worker = undefined;
    void stuck?.terminate();
    this.pump();
  }

  private onExit(worker: Worker, code: number): void {
    if (this.worker !== worker) return; // replaced on purpose
    this.worker = undefined;
    if (this.disposed) return;
    this.log('warn', `The analysis worker stopped (code ${code}); starting a new one.`);
    const task = this.running && this.finish(this.running.id);
    if (task?.kind === 'analyze') task.settle({ result: skippedResult(task.text, 'Skipped: the analysis worker stopped while reviewing this file.'), workerMs: 0, queuedMs: 0 });
    this.pump();
  }

  private failAll(message: string): void {
    this.log('error', message);
    for (const task of this.queue.splice(0)) if (task.kind === 'analyze') task.settle({ result: skippedResult(task.text, `Skipped: ${message}`), workerMs: 0, queuedMs: 0 });
  }

  dispose(): void {
    this.disposed = true;
    for (const task of this.queue.splice(0)) if (task.kind === 'analyze') task.settle(undefined);
    const running = this.running && this.finish(this.running.id);
    if (running?.kind === 'analyze') running.settle(undefined);
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0].slice(0, 200);
}
