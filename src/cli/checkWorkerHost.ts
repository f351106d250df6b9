// One check worker as the pool sees it: started, sent one file at a time, stopped when a file
// runs past its time (wall clock, so a rule stuck in a loop cannot hold the run) or when the
// thread dies or runs out of memory. The pool replaces a stopped worker with a fresh one.
import { Worker } from 'node:worker_threads';
import { addedLanguageModules } from '../analysis/languages';
import type { FileCheckOutcome, FileCheckRequest } from './checkFile';
import type { WorkerReply, WorkerRequest, WorkerSettings } from './checkWorker';

export type FileRun =
  | { kind: 'done'; outcome: FileCheckOutcome; recycle: boolean }
  | { kind: 'timeout' }
  | { kind: 'died'; outOfMemory: boolean; message: string };

export class CheckWorkerHost {
  private current: ((run: FileRun) => void) | undefined;
  private exited = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => {
      if ('index' in reply) this.settle({ kind: 'done', outcome: reply.outcome, recycle: reply.recycle });
    });
    worker.on('error', (error: Error & { code?: string }) => this.settle({ kind: 'died', outOfMemory: error.code === 'ERR_WORKER_OUT_OF_MEMORY', message: error.message }));
    worker.on('exit', (code) => {
      this.exited = true;
      this.settle({ kind: 'died', outOfMemory: false, message: `the check worker stopped with code ${code}` });
    });
  }

  /** A worker whose analyzer is loaded; rejects when it cannot start. */
  static start(script: string, memoryLimitMb: number): Promise<CheckWorkerHost> {
    return new Promise((resolve, reject) => {
      // The JS heap limit makes a runaway file end this thread, not the process. The languages added
      // to this thread's registry at run time are added to the worker's too.
      const worker = new Worker(script, { workerData: { memoryLimitMb, languageModules: addedLanguageModules() } satisfies WorkerSettings, resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb } });
      const fail = (error: Error) => {
        void worker.terminate();
        reject(error);
      };
      worker.once('message', (reply: WorkerReply) => {
        if ('ready' in reply) resolve(new CheckWorkerHost(worker));
        else fail(new Error('failed' in reply ? reply.failed : 'the check worker did not start'));
      });
      worker.once('error', fail);
      worker.once('exit', (code) => fail(new Error(`the check worker stopped with code ${code} before it was ready`)));
    });
  }

  /** Checks one file; past `limitMs` of wall time the worker is terminated and the run says so. */
  check(index: number, request: FileCheckRequest, limitMs: number): Promise<FileRun> {
    return new Promise((resolve) => {
      if (this.exited) return resolve({ kind: 'died', outOfMemory: false, message: 'the check worker had stopped' });
      const timer = setTimeout(() => {
        this.current = undefined;
        void this.worker.terminate();
        resolve({ kind: 'timeout' });
      }, limitMs);
      this.current = (run) => {
        clearTimeout(timer);
        resolve(run);
      };
      this.worker.postMessage({ index, request } satisfies WorkerRequest);
    });
  }

  /** Ends a file's run from outside (the pool's memory watch): it reads as out of memory. */
  kill(message: string): void {
    this.settle({ kind: 'died', outOfMemory: true, message });
    void this.worker.terminate();
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    this.worker.postMessage({ stop: true } satisfies WorkerRequest);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate().then(() => resolve()), 2000);
      this.worker.once('exit', () => (clearTimeout(timer), resolve()));
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }

  private settle(run: FileRun): void {
    const current = this.current;
    this.current = undefined;
    current?.(run);
  }
}
