// A worker thread of `llama-review check`: its own analyzer (wasm is per thread), checking the
// files the pool sends until it is told to stop.
import { parentPort } from 'node:worker_threads';
import { Analyzer } from '../analysis/engine';
import { checkFile, type FileCheckRequest } from './checkFile';

export type WorkerRequest = { index: number; request: FileCheckRequest } | { stop: true };
export type WorkerReply = { ready: true } | { index: number; outcome: Awaited<ReturnType<typeof checkFile>> } | { failed: string };

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('checkWorker runs only as a worker thread.');
  const analyzer = await Analyzer.create();
  port.on('message', (message: WorkerRequest) => {
    if ('stop' in message) {
      analyzer.dispose();
      port.close();
      return;
    }
    checkFile(analyzer, message.request).then(
      (outcome) => port.postMessage({ index: message.index, outcome } satisfies WorkerReply),
      (error: unknown) => port.postMessage({ index: message.index, outcome: { messages: [`${message.request.path}: ${(error as Error).message}`], fixesApplied: 0, ioFailed: true } } satisfies WorkerReply),
    );
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
}

serve().catch((error: unknown) => parentPort?.postMessage({ failed: (error as Error).message } satisfies WorkerReply));
