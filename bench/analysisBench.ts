// Analysis benchmarks: on-save latency against parsing alone, throughput over a corpus side by
// side with Ruff (WebAssembly build, lint only) and Bandit when installed, and peak memory.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analyzer } from '../src/analysis/engine';
import { corpus, fileOfSize, standardLibraryFolder, type SourceFile } from './corpus';
import { row, type FailedRow } from './rows';
import { spread, timeInterleaved, timeRuns, type Spread } from './stats';
import type { LintRun } from './workers/lintCorpus';
import type { ShapeRun } from './workers/analyzeShape';

export interface LatencyFigures {
  file: string;
  lines: number;
  analyze: Spread;
  parse: Spread;
  /** analyze p50 / parse p50: what the checks add on top of the parse they need anyway. */
  ratio: number;
  /** analyze() of a document after a one-line edit: the editor's case, with an incremental reparse. */
  afterEdit: Spread;
  findings: number;
}

/** A command over the corpus, timed as a whole process (start-up included, as users run it). */
export interface ProcessRun {
  tool: string;
  seconds: number;
  linesPerSecond: number;
}

export interface BanditRun {
  version: string;
  seconds: number;
  linesPerSecond: number;
}

export interface AnalysisFigures {
  corpusFolder: string;
  latency: (LatencyFigures | (FailedRow & { file: string }))[];
  throughput: (LintRun | (FailedRow & { tool: string }))[];
  /** `llama-review check` as a process, on one thread and on every core. */
  cli: (ProcessRun | (FailedRow & { tool: string }))[];
  bandit?: BanditRun | { skipped: string };
  /** Generated long chains and deep nesting at two sizes: time and memory must grow linearly. */
  scaling: (ShapeRun | (FailedRow & { shape: string; n: number }))[];
}

/** Shapes and sizes for the scaling rows: compare-to-none's chains were the worst case (2.2 GB at 2,000 links). */
const scalingShapes = ['noneChain', 'comparisonChain', 'nestedComparison', 'andChain', 'plusChain', 'attributeChain', 'concatenationsInLoop'];
const scalingSizes = [2_000, 20_000];
/** Any row past this is recorded as failed: the figures of the other rows still count. */
const childTimeoutMs = 10 * 60_000;

async function latencyOf(analyzer: Analyzer, file: SourceFile, runs: number): Promise<LatencyFigures> {
  const analyzeOnce = () => analyzer.analyze(file.text, 'python', { timeBudgetMs: 60_000 });
  const parseOnce = () => analyzer.parseOnly(file.text, 'python');
  for (let warm = 0; warm < 5; warm++) (analyzeOnce(), parseOnce());
  const [analyzeSamples, parseSamples] = timeInterleaved(runs, analyzeOnce, parseOnce);
  const analyze = spread(analyzeSamples);
  const parse = spread(parseSamples);
  // Typing in the middle of the file: each run analyzes the other of two texts one line apart.
  const middle = file.text.indexOf('\n', Math.floor(file.text.length / 2)) + 1;
  const edited = `${file.text.slice(0, middle)}value = compute(value)\n${file.text.slice(middle)}`;
  let flip = false;
  const afterEditOnce = () => analyzer.analyze((flip = !flip) ? edited : file.text, 'python', { timeBudgetMs: 60_000, cacheKey: 'bench' });
  for (let warm = 0; warm < 5; warm++) afterEditOnce();
  const afterEdit = spread(timeRuns(runs, afterEditOnce));
  analyzer.forget('bench');
  return { file: file.path, lines: file.lines, analyze, parse, ratio: analyze.p50 / parse.p50, afterEdit, findings: analyzeOnce().findings.length };
}

function lintInChild(tool: string, listFile: string): LintRun {
  const worker = join(__dirname, 'workers', 'lintCorpus.js');
  const output = execFileSync(process.execPath, [worker, tool, listFile], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: childTimeoutMs });
  return JSON.parse(output.trim().split('\n').pop()!) as LintRun;
}

function shapeInChild(shape: string, n: number): ShapeRun {
  const worker = join(__dirname, 'workers', 'analyzeShape.js');
  const output = execFileSync(process.execPath, [worker, shape, String(n)], { encoding: 'utf8', timeout: childTimeoutMs });
  return JSON.parse(output.trim().split('\n').pop()!) as ShapeRun;
}

function cliOver(paths: readonly string[], lines: number, jobs: string): ProcessRun {
  const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
  const started = performance.now();
  const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--exit-zero', '--jobs', jobs, ...paths], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: childTimeoutMs });
  const seconds = (performance.now() - started) / 1000;
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`llama-review check failed: ${run.stderr}`);
  return { tool: `llama-review check --jobs ${jobs}`, seconds, linesPerSecond: lines / seconds };
}

/** Debian's bandit over the same files, timed as a whole process (start-up included, as users run it). */
function banditOver(listFile: string, paths: readonly string[], lines: number): BanditRun | { skipped: string } {
  const version = spawnSync('bandit', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return { skipped: 'bandit is not installed (Debian: apt-get install bandit)' };
  const started = performance.now();
  // Exit code 1 means "issues found"; anything else is a failure to report.
  const run = spawnSync('bandit', ['-q', '-f', 'json', '-o', join(listFile, '..', 'bandit.json'), ...paths], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0 && run.status !== 1) return { skipped: `bandit failed: ${(run.stderr || run.stdout).trim().split('\n').pop()}` };
  return { version: version.stdout.split('\n')[0].trim(), seconds, linesPerSecond: lines / seconds };
}

export async function runAnalysisBench(options: { quick: boolean; log: (line: string) => void }): Promise<AnalysisFigures> {
  const folder = standardLibraryFolder();
  const runs = options.quick ? 15 : 60;
  const analyzer = await Analyzer.create();
  const latency: AnalysisFigures['latency'] = [];
  for (const target of [1_000, 10_000]) {
    const file = fileOfSize(folder, target);
    options.log(`latency: ${file.lines} lines (${file.path}), ${runs} runs each`);
    latency.push(await row(`latency of ${file.path}`, options.log, { file: file.path }, () => latencyOf(analyzer, file, runs)));
  }
  analyzer.dispose();

  const scaling: AnalysisFigures['scaling'] = [];
  for (const shape of scalingShapes) {
    for (const n of options.quick ? scalingSizes.slice(0, 1) : scalingSizes) {
      options.log(`scaling: ${shape} at ${n}`);
      scaling.push(await row(`scaling ${shape} ${n}`, options.log, { shape, n }, () => shapeInChild(shape, n)));
    }
  }

  const files = corpus(folder, options.quick ? 100_000 : 300_000);
  const lines = files.reduce((sum, file) => sum + file.lines, 0);
  const scratch = mkdtempSync(join(tmpdir(), 'llama-review-bench-'));
  try {
    const listFile = join(scratch, 'files.json');
    writeFileSync(listFile, JSON.stringify(files.map((file) => file.path)));
    const throughput: AnalysisFigures['throughput'] = [];
    for (const tool of ['llama-review', 'ruff-default', 'ruff-comparable']) {
      options.log(`throughput: ${tool} over ${files.length} files, ${lines} lines`);
      throughput.push(await row(`throughput of ${tool}`, options.log, { tool }, () => lintInChild(tool, listFile)));
    }
    const paths = files.map((file) => file.path);
    const cli: AnalysisFigures['cli'] = [];
    for (const jobs of ['1', String(availableParallelism())]) {
      const tool = `llama-review check --jobs ${jobs}`;
      cli.push(await row(tool, options.log, { tool }, () => cliOver(paths, lines, jobs)));
    }
    options.log('throughput: bandit (when installed)');
    const bandit = banditOver(listFile, files.map((file) => file.path), lines);
    return { corpusFolder: folder, latency, throughput, cli, bandit, scaling };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
