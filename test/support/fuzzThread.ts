// The analyzing side of the fuzz test and campaign, in a thread of its own: either one long-lived
// Analyzer for every file (as the editor's worker runs), or a fresh Analyzer per file (the
// reference). Each file is decoded as the CLI decodes it; fixes are applied and re-analyzed.
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
}

interface FuzzJob {
  mode: 'long-lived' | 'fresh';
  files: { index: number; bytes: Uint8Array }[];
  options: AnalyzeOptions;
  checkFixes: boolean;
}

function summary(result: AnalysisResult): string[] {
  return result.findings.map((finding) => `${finding.ruleId} ${finding.range.start.line}:${finding.range.start.column}-${finding.range.end.line}:${finding.range.end.column}`);
}

export class FuzzStalled extends Error {
  constructor(readonly afterIndex: number | undefined) {
    super(`the analyzer thread stalled after file ${afterIndex ?? 'none'}`);
  }
}

/**
 * Runs the job in a new thread; results arrive in `onResult` as files finish. With `stallMs`, a
 * file that takes longer ends the thread and the promise rejects with FuzzStalled.
 */
export function fuzzInThread(job: FuzzJob, onResult: (result: FuzzFileResult) => void, stallMs?: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'fuzzThread.js'), { workerData: job });
    let last: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    let stalled = false;
    const arm = () => {
      if (!stallMs) return;
      clearTimeout(timer);
      timer = setTimeout(() => ((stalled = true), void worker.terminate()), stallMs);
    };
    arm();
    worker.on('message', (message: FuzzFileResult | { done: true }) => {
      if ('done' in message) return clearTimeout(timer), resolve();
      last = message.index;
      arm();
      onResult(message);
    });
    worker.once('error', (error) => (clearTimeout(timer), reject(error)));
    worker.once('exit', (code) => {
      clearTimeout(timer);
      if (stalled) reject(new FuzzStalled(last));
      else if (code === 0) resolve();
      else reject(new Error(`fuzz thread exited with ${code}`));
    });
  });
}

async function serve(job: FuzzJob): Promise<void> {
  let analyzer = await Analyzer.create();
  for (const file of job.files) {
    if (job.mode === 'fresh') {
      analyzer.dispose();
      analyzer = await Analyzer.create();
    }
    const text = decodeSource(Buffer.from(file.bytes)).text;
    const started = performance.now();
    let result: AnalysisResult;
    try {
      result = analyzer.analyze(text, 'python', job.options);
    } catch (error) {
      parentPort!.postMessage({ index: file.index, threw: String((error as Error).stack ?? error), findings: [], hasSyntaxErrors: false, ms: 0, positionProblems: [], wasmTrapsSoFar: analyzer.wasmTraps } satisfies FuzzFileResult);
      continue;
    }
    const ms = performance.now() - started;
    const reply: FuzzFileResult = {
      index: file.index,
      skipped: result.skipped?.reason,
      findings: summary(result),
      hasSyntaxErrors: result.hasSyntaxErrors,
      ms,
      positionProblems: positionProblems(text, result.findings),
      wasmTrapsSoFar: analyzer.wasmTraps,
    };
    const fixed = job.checkFixes && !result.skipped ? applyNonOverlappingFixes(text, result) : undefined;
    if (fixed) {
      const after = analyzer.analyze(fixed.text, 'python', job.options);
      reply.fix = { changedOutsideEdits: !changedOnlyInEdits(text, fixed.text, fixed.edits), brokeSyntax: !result.hasSyntaxErrors && !after.skipped && after.hasSyntaxErrors };
    }
    parentPort!.postMessage(reply);
  }
  analyzer.dispose();
  parentPort!.postMessage({ done: true });
}

if (!isMainThread && parentPort && (workerData as FuzzJob | undefined)?.files) {
  serve(workerData as FuzzJob).catch((error: unknown) => {
    throw error;
  });
}
