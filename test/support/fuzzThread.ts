// The analyzing side of the fuzz test and campaign, in a thread of its own: either one long-lived
// Analyzer for every file (as the editor's worker runs), or a fresh Analyzer per file (the
// reference). Files go in one at a time, so a long campaign holds one in memory. Each is decoded
// as the CLI decodes it; fixes are applied and re-analyzed.
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Analyzer, type AnalysisResult, type AnalyzeOptions } from '../../src/analysis/engine';
import { decodeSource } from '../../src/cli/sourceEncoding';
import { applyNonOverlappingFixes, changedOnlyInEdits, positionProblems } from './fuzzChecks';

export interface FuzzFileResult {
  index: number;
  /** What analyze() threw; it must never throw. */
  threw?: string;
  skipped?: string;
  findings: string[];
  hasSyntaxErrors: boolean;
  ms: number;
  positionProblems: string[];
  /** With the fixes applied: did anything outside their edits change, does it still parse. */
  fix?: { changedOutsideEdits: boolean; brokeSyntax: boolean };
  wasmTrapsSoFar: number;
  /** The thread's JS heap and wasm memory after this file. */
  memoryMb: number;
}

export interface FuzzSettings {
  mode: 'long-lived' | 'fresh';
  options: AnalyzeOptions;
  checkFixes: boolean;
}

export class FuzzStalled extends Error {
  constructor(readonly index: number) {
    super(`the analyzer thread stalled on file ${index}`);
  }
}

/** One analyzer thread; `analyze` rejects with FuzzStalled (and ends the thread) past `stallMs`. */
export class FuzzAnalyzerThread {
  private readonly worker: Worker;
  private pending: { resolve: (result: FuzzFileResult) => void; reject: (error: Error) => void; index: number; timer?: NodeJS.Timeout } | undefined;
  private failure: Error | undefined;

  constructor(settings: FuzzSettings, private readonly stallMs?: number) {
    this.worker = new Worker(join(__dirname, 'fuzzThread.js'), { workerData: settings });
    this.worker.on('message', (result: FuzzFileResult) => this.settle(undefined, result));
    this.worker.on('error', (error) => this.settle(error));
    this.worker.on('exit', (code) => this.settle(new Error(`fuzz thread exited with ${code}`)));
  }

  analyze(index: number, bytes: Uint8Array): Promise<FuzzFileResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = this.stallMs ? setTimeout(() => (this.settle(new FuzzStalled(index)), void this.worker.terminate()), this.stallMs) : undefined;
      this.pending = { resolve, reject, index, timer };
      this.worker.postMessage({ index, bytes });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }

  private settle(error: Error | undefined, result?: FuzzFileResult): void {
    const pending = this.pending;
    this.pending = undefined;
    if (error) this.failure ??= error;
    if (!pending) return;
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve(result!);
  }
}

/** Runs `files` through one thread in order; for the unit test. */
export async function fuzzInThread(settings: FuzzSettings, files: readonly { index: number; bytes: Uint8Array }[], onResult: (result: FuzzFileResult) => void): Promise<void> {
  const thread = new FuzzAnalyzerThread(settings);
  try {
    for (const file of files) onResult(await thread.analyze(file.index, file.bytes));
  } finally {
    await thread.close();
  }
}

function summary(result: AnalysisResult): string[] {
  return result.findings.map((finding) => `${finding.ruleId} ${finding.range.start.line}:${finding.range.start.column}-${finding.range.end.line}:${finding.range.end.column}`);
}

function memoryMb(): number {
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.external) / 1024 / 1024;
}

async function serve(settings: FuzzSettings): Promise<void> {
  let analyzer = await Analyzer.create();
  const port = parentPort!;
  port.on('message', async (file: { index: number; bytes: Uint8Array }) => {
    if (settings.mode === 'fresh') {
      analyzer.dispose();
      analyzer = await Analyzer.create();
    }
    const text = decodeSource(Buffer.from(file.bytes)).text;
    const started = performance.now();
    let result: AnalysisResult;
    try {
      result = analyzer.analyze(text, 'python', settings.options);
    } catch (error) {
      port.postMessage({ index: file.index, threw: String((error as Error).stack ?? error), findings: [], hasSyntaxErrors: false, ms: 0, positionProblems: [], wasmTrapsSoFar: analyzer.wasmTraps, memoryMb: memoryMb() } satisfies FuzzFileResult);
      return;
    }
    const reply: FuzzFileResult = {
      index: file.index,
      skipped: result.skipped?.reason,
      findings: summary(result),
      hasSyntaxErrors: result.hasSyntaxErrors,
      ms: performance.now() - started,
      positionProblems: positionProblems(text, result.findings),
      wasmTrapsSoFar: analyzer.wasmTraps,
      memoryMb: 0,
    };
    const fixed = settings.checkFixes && !result.skipped ? applyNonOverlappingFixes(text, result) : undefined;
    if (fixed) {
      const after = analyzer.analyze(fixed.text, 'python', settings.options);
      reply.fix = { changedOutsideEdits: !changedOnlyInEdits(text, fixed.text, fixed.edits), brokeSyntax: !result.hasSyntaxErrors && !after.skipped && after.hasSyntaxErrors };
    }
    reply.memoryMb = memoryMb();
    port.postMessage(reply);
  });
}

if (!isMainThread && parentPort && (workerData as FuzzSettings | undefined)?.mode) {
  serve(workerData as FuzzSettings).catch((error: unknown) => {
    throw error;
  });
}
