// Runs one long-lived Analyzer in a worker thread of its own, so a test may crash its wasm heap
// without touching the analyzers of the other tests (web-tree-sitter keeps one heap per thread).
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Analyzer, type AnalysisResult, type AnalyzeOptions } from '../../src/analysis/engine';

/**
 * Depths of indentation past the parser's safe limit that overflow tree-sitter-python's scanner
 * buffer. Whether a run then traps or silently goes wrong depends on the heap's layout, which
 * moves with every change to the rules' queries, so the tests that need a trap try many.
 */
export const overflowDepths = [511, 520, 540, 560, 580, 600, 650, 700, 800, 1000, 1500, 2000, 3000];

export interface ThreadJob {
  text: string;
  options?: AnalyzeOptions;
}

export interface ThreadResult {
  result: AnalysisResult;
  /** The analyzer's state after this file. */
  wasmTraps: number;
  needsRestart: boolean;
}

/** Analyzes `jobs` in order with one Analyzer in a fresh worker thread. */
export function analyzeInThread(jobs: readonly ThreadJob[]): Promise<ThreadResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'analyzerThread.js'), { workerData: jobs });
    worker.once('message', (results: ThreadResult[] | { error: string }) => ('error' in results ? reject(new Error(results.error)) : resolve(results)));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`analyzer thread exited with ${code}`)));
  });
}

async function serve(jobs: ThreadJob[]): Promise<void> {
  const analyzer = await Analyzer.create();
  const results: ThreadResult[] = [];
  for (const job of jobs) {
    const result = analyzer.analyze(job.text, 'python', job.options);
    results.push({ result, wasmTraps: analyzer.wasmTraps, needsRestart: analyzer.needsRestart });
  }
  analyzer.dispose();
  parentPort!.postMessage(results);
}

if (!isMainThread && parentPort) serve(workerData as ThreadJob[]).catch((error: unknown) => parentPort!.postMessage({ error: String((error as Error).stack ?? error) }));
