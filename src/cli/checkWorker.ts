// A worker thread of `llama-review check`: its own analyzer (wasm is per thread), checking the
// files the pool sends until it is told to stop. It asks to be replaced when its analyzer saw a
// wasm trap or its memory grew past the limit (wasm memory never shrinks).
import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer } from '../analysis/engine';
import { addLanguageModule } from '../analysis/languages';
import { checkFile, type FileCheckOutcome, type FileCheckRequest } from './checkFile';

export type WorkerRequest = { index: number; request: FileCheckRequest } | { stop: true };
export type WorkerReply = { ready: true } | { index: number; outcome: FileCheckOutcome; recycle: boolean } | { failed: string };
export interface WorkerSettings {
  /** Past this many MB of heap and wasm memory after a file, the worker asks to be replaced. */
  memoryLimitMb: number;
  /** Modules of the languages the pool's thread added at run time: a thread has a registry of its own. */
  languageModules: string[];
}

function memoryMb(): number {
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.external) / 1024 / 1024;
}

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('checkWorker runs only as a worker thread.');
  const { memoryLimitMb, languageModules } = workerData as WorkerSettings;
  for (const modulePath of languageModules) addLanguageModule(modulePath);
  const analyzer = await Analyzer.create();
  port.on('message', (message: WorkerRequest) => {
    if ('stop' in message) {
      analyzer.dispose();
      port.close();
      return;
    }
    checkFile(analyzer, message.request).then(
      (outcome) => port.postMessage({ index: message.index, outcome, recycle: analyzer.needsRestart || memoryMb() > memoryLimitMb } satisfies WorkerReply),
      (error: unknown) =>
        port.postMessage({ index: message.index, outcome: { messages: [`${message.request.path}: ${(error as Error).message}`], fixesApplied: 0, ioFailed: true }, recycle: true } satisfies WorkerReply),
    );
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
}

serve().catch((error: unknown) => parentPort?.postMessage({ failed: (error as Error).message } satisfies WorkerReply));
