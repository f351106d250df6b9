// The editor's analysis worker thread: one Analyzer (its own wasm), analysing what the extension
// host sends, one request at a time. A wasm trap leaves the analyzer suspect, so the worker
// reports it and exits; the host starts a fresh one.
import { parentPort } from 'node:worker_threads';
import { Analyzer } from '../../analysis/engine';
import { languageIds } from '../../analysis/languages';
import type { WorkerReply, WorkerRequest } from './protocol';

/** WebAssembly.RuntimeError: a trap inside tree-sitter (memory access out of bounds, unreachable). */
function isWasmTrap(error: unknown): boolean {
  return error instanceof Error && error.name === 'RuntimeError';
}

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('analysisWorker runs only as a worker thread.');
  const analyzer = await Analyzer.create();
  const reply = (message: WorkerReply) => port.postMessage(message);
  port.on('message', (request: WorkerRequest) => {
    try {
      if (request.kind === 'analyze') {
        const started = performance.now();
        const result = analyzer.analyze(request.text, request.language, request.options);
        reply({ kind: 'result', id: request.id, result, workerMs: performance.now() - started });
      } else if (request.kind === 'forget') {
        analyzer.forget(request.cacheKey);
        reply({ kind: 'done', id: request.id });
      } else {
        analyzer.forgetProjectFiles();
        reply({ kind: 'done', id: request.id });
      }
    } catch (error) {
      const fatal = isWasmTrap(error);
      reply({ kind: 'error', id: request.id, message: (error as Error).stack ?? String(error), fatal });
      if (fatal) process.exit(1);
    }
  });
  reply({ kind: 'ready', languages: languageIds() });
}

serve().catch((error: unknown) => parentPort?.postMessage({ kind: 'failed', message: (error as Error).stack ?? String(error) } satisfies WorkerReply));
