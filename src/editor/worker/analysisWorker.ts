// The editor's analysis worker thread: one Analyzer (its own wasm), analysing what the extension
// host sends, one request at a time. The analyzer recovers from a wasm trap by itself, but the
// heap it shares may stay damaged, so after one the worker says it is retiring and the host
// replaces it; a trap that escapes the analyzer ends the worker at once.
import { parentPort } from 'node:worker_threads';
import { Analyzer } from '../../analysis/engine';
import { languageIds } from '../../analysis/languages';
import { isWasmTrap } from '../../analysis/parser';
import type { WorkerReply, WorkerRequest } from './protocol';

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
        reply({ kind: 'result', id: request.id, result, workerMs: performance.now() - started, retiring: analyzer.needsRestart });
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
