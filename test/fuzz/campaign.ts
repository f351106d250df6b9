// `npm run fuzz`: the long fuzz campaign. Mutated standard-library files, in folders of 250 with
// special entries (a FIFO, a link to /dev/zero, names that are not UTF-8 or hold control
// characters), go through the CLI as a process per folder; then every file goes through one
// long-lived analyzer, as the editor's worker holds one, sampled against fresh analyzers.
// Prints the counts and writes them as JSON.
//   --files N (10000)  --seed S (11)  --folder-size N (250)  --time-budget MS (engine default)
//   --only cli|analyzer  one phase      --plain  folders without the special entries (for older CLIs,
//   which read a link to /dev/zero until memory runs out)
// It sets the exit code to 1 when anything failed: a crash, hang, throw, trap, or bad fix.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTimeBudgetMs } from '../../src/analysis/engine';
import { mutatedFiles, type MutatedFile } from '../support/fuzzMutator';
import { fuzzSeeds } from '../support/fuzzSeeds';
import { FuzzAnalyzerThread, FuzzStalled, type FuzzFileResult, type FuzzSettings } from '../support/fuzzThread';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const fileCount = option('--files', 10_000);
const seed = option('--seed', 11);
const folderSize = option('--folder-size', 250);
const timeBudgetMs = option('--time-budget', defaultTimeBudgetMs);
/** Passed to the CLI only when given, so an older CLI without the option can be compared. */
const budgetArgs = process.argv.includes('--time-budget') ? ['--time-budget', String(timeBudgetMs)] : [];
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
const plain = process.argv.includes('--plain');
/** A folder run longer than this is a hang: every file at its worker's limit, twice over. */
const folderHangMs = folderSize * (timeBudgetMs * 1.5 + 1000) * 2;
const log = (line: string) => console.error(`fuzz: ${line}`);
/** The built CLI; LLAMA_REVIEW_FUZZ_CLI points at a copy, so a rebuild during a long run changes nothing. */
const cli = process.env.LLAMA_REVIEW_FUZZ_CLI ?? join(__dirname, '..', '..', '..', 'dist', 'cli.js');

/** Linux: the process's peak resident memory so far, from /proc; undefined elsewhere. */
function peakRssMb(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface CliCounts {
  folders: number;
  files: number;
  specialEntries: number;
  crashes: { folder: number; reason: string }[];
  hangs: number[];
  /** Files the watchdog stopped: their analysis overran the budget it enforces. */
  budgetOverruns: number;
  /** Files the engine itself stopped at its budget (not overruns). */
  timeouts: number;
  memoryStops: number;
  skippedTooDeep: number;
  parserCrashes: number;
  peakRssMb: number;
  seconds: number;
}

function writeFolder(folder: string, files: MutatedFile[], folderIndex: number): number {
  mkdirSync(folder, { recursive: true });
  files.forEach((file, index) => writeFileSync(join(folder, `f${folderIndex}_${index}.py`), file.bytes));
  let special = 0;
  if (plain) return special;
  const add = (make: () => void) => {
    try {
      make();
      special++;
    } catch {
      // not every system has FIFOs or /dev/zero
    }
  };
  add(() => execFileSync('mkfifo', [join(folder, 'pipe.py')]));
  add(() => existsSync('/dev/zero') && symlinkSync('/dev/zero', join(folder, 'zero.py')));
  add(() => writeFileSync(Buffer.concat([Buffer.from(folder + '/caf'), Buffer.from([0xe9, 0xff]), Buffer.from('.py')]), 'eval(x)\n'));
  add(() => writeFileSync(join(folder, 'ctl\u001b[2J\u0007name.py'), 'eval(x)\n'));
  return special;
}

function runCliOnFolder(folder: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number; peakMb?: number; hung: boolean }> {
  return new Promise((resolve) => {
    const started = performance.now();
    // The link to /dev/zero is named: links met while walking a folder are not followed.
    const named = existsSync(join(folder, 'zero.py')) ? ['zero.py'] : [];
    const child = spawn(process.execPath, [cli, 'check', '--format', 'text', '--exit-zero', ...budgetArgs, '.', ...named], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakMb: number | undefined;
    let hung = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const poll = setInterval(() => (peakMb = Math.max(peakMb ?? 0, peakRssMb(child.pid!) ?? 0) || undefined), 100);
    const hang = setTimeout(() => ((hung = true), child.kill('SIGKILL')), folderHangMs);
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(hang);
      resolve({ code, stdout, stderr, ms: performance.now() - started, peakMb, hung });
    });
  });
}

/** The campaign's files in folders, made as they are needed: only one folder's worth in memory. */
function* batches(seeds: readonly Buffer[]): Generator<MutatedFile[]> {
  let batch: MutatedFile[] = [];
  for (const file of mutatedFiles(seeds, fileCount, seed)) {
    batch.push(file);
    if (batch.length < folderSize) continue;
    yield batch;
    batch = [];
  }
  if (batch.length > 0) yield batch;
}

async function cliPhase(seeds: readonly Buffer[], scratch: string): Promise<CliCounts> {
  const counts: CliCounts = { folders: 0, files: 0, specialEntries: 0, crashes: [], hangs: [], budgetOverruns: 0, timeouts: 0, memoryStops: 0, skippedTooDeep: 0, parserCrashes: 0, peakRssMb: 0, seconds: 0 };
  const started = performance.now();
  const folders = Math.ceil(fileCount / folderSize);
  let index = 0;
  for (const files of batches(seeds)) {
    const folder = join(scratch, `folder-${index}`);
    const special = writeFolder(folder, files, index);
    const run = await runCliOnFolder(folder);
    rmSync(folder, { recursive: true, force: true });
    counts.folders++;
    counts.files += files.length;
    counts.specialEntries += special;
    counts.peakRssMb = Math.max(counts.peakRssMb, run.peakMb ?? 0);
    const count = (pattern: RegExp) => (run.stderr.match(pattern) ?? []).length;
    counts.budgetOverruns += count(/ran past \d+ ms, so its worker was stopped/g);
    counts.memoryStops += count(/needed more than \d+ MB/g);
    counts.timeouts += count(/Skipped: analysis ran past its \d+ ms budget/g);
    counts.skippedTooDeep += count(/indentation levels; the Python parser/g);
    counts.parserCrashes += count(/the parser crashed|check worker crashed/g);
    const summary = /(?:No findings|\d+ findings?) in (\d+) files?/.exec(run.stdout);
    if (run.hung) counts.hangs.push(index);
    else if (run.code !== 0) counts.crashes.push({ folder: index, reason: `exit ${run.code}: ${run.stderr.trim().split('\n').slice(-2).join(' | ')}` });
    else if (!summary || Number(summary[1]) !== files.length + special) counts.crashes.push({ folder: index, reason: `incomplete output: ${summary?.[0] ?? 'no summary'} for ${files.length + special} entries` });
    log(`CLI folder ${index + 1}/${folders}: ${(run.ms / 1000).toFixed(1)} s, peak ${run.peakMb?.toFixed(0) ?? '?'} MB${run.code !== 0 ? `, exit ${run.code}` : ''}`);
    index++;
  }
  counts.seconds = (performance.now() - started) / 1000;
  return counts;
}

interface AnalyzerCounts {
  files: number;
  threw: number;
  positionProblems: number;
  fixesChangedOutsideEdits: number;
  fixesBrokeSyntax: number;
  filesWithFixes: number;
  skipped: Record<string, number>;
  /** Files whose analyze() took longer than 1.5 times its budget. */
  budgetOverruns: number;
  worstMs: number;
  hangs: number;
  wasmTraps: number;
  freshSampled: number;
  freshDifferences: number;
  /** The long-lived analyzer thread's JS heap plus wasm memory, at its highest after a file. */
  peakAnalyzerMemoryMb: number;
  /** The whole campaign process (both analyzer threads and the harness). */
  peakRssMb: number;
  seconds: number;
  examples: string[];
}

/** Every file through one long-lived analyzer; every 25th also through a fresh analyzer, to compare. */
async function analyzerPhase(seeds: readonly Buffer[]): Promise<AnalyzerCounts> {
  const counts: AnalyzerCounts = { files: 0, threw: 0, positionProblems: 0, fixesChangedOutsideEdits: 0, fixesBrokeSyntax: 0, filesWithFixes: 0, skipped: {}, budgetOverruns: 0, worstMs: 0, hangs: 0, wasmTraps: 0, freshSampled: 0, freshDifferences: 0, peakAnalyzerMemoryMb: 0, peakRssMb: 0, seconds: 0, examples: [] };
  const started = performance.now();
  const example = (line: string) => counts.examples.length < 20 && counts.examples.push(line);
  const settings: FuzzSettings = { mode: 'long-lived', options: { timeBudgetMs }, checkFixes: true };
  const stallMs = timeBudgetMs * 20 + 10_000;
  let longLived = new FuzzAnalyzerThread(settings, stallMs);
  let threadTraps = 0;
  const fresh = new FuzzAnalyzerThread({ mode: 'fresh', options: { timeBudgetMs }, checkFixes: false }, stallMs);
  let index = 0;
  for (const file of mutatedFiles(seeds, fileCount, seed)) {
    const label = `file ${index} (${file.mutations.join('+')})`;
    let result: FuzzFileResult;
    try {
      result = await longLived.analyze(index, file.bytes);
    } catch (error) {
      if (!(error instanceof FuzzStalled)) throw error;
      // A stalled thread is replaced; traps count per thread, as each has its own analyzer.
      counts.hangs++;
      example(`${label}: no answer within ${stallMs} ms`);
      counts.wasmTraps += threadTraps;
      threadTraps = 0;
      longLived = new FuzzAnalyzerThread(settings, stallMs);
      index++;
      continue;
    }
    threadTraps = result.wasmTrapsSoFar;
    counts.files++;
    if (result.threw) (counts.threw++, example(`${label}: threw ${result.threw.split('\n')[0]}`));
    if (result.positionProblems.length > 0) (counts.positionProblems++, example(`${label}: ${result.positionProblems[0]}`));
    if (result.fix) counts.filesWithFixes++;
    if (result.fix?.changedOutsideEdits) (counts.fixesChangedOutsideEdits++, example(`${label}: a fix changed text outside its edits`));
    if (result.fix?.brokeSyntax) (counts.fixesBrokeSyntax++, example(`${label}: the fixes broke the syntax`));
    if (result.skipped) counts.skipped[result.skipped] = (counts.skipped[result.skipped] ?? 0) + 1;
    if (result.ms > timeBudgetMs * 1.5) (counts.budgetOverruns++, example(`${label}: ${result.ms.toFixed(0)} ms for a ${timeBudgetMs} ms budget`));
    counts.worstMs = Math.max(counts.worstMs, result.ms);
    counts.peakAnalyzerMemoryMb = Math.max(counts.peakAnalyzerMemoryMb, result.memoryMb);
    if (index % 25 === 0) {
      const reference = await fresh.analyze(index, file.bytes);
      counts.freshSampled++;
      const comparable = result.skipped !== 'timeout' && reference.skipped !== 'timeout';
      if (comparable && (result.skipped !== reference.skipped || result.findings.join('\n') !== reference.findings.join('\n'))) {
        counts.freshDifferences++;
        example(`${label}: differs from a fresh analyzer`);
      }
    }
    if (index % 500 === 0) log(`analyzer: file ${index}/${fileCount}`);
    index++;
  }
  counts.wasmTraps += threadTraps;
  await Promise.all([longLived.close(), fresh.close()]);
  counts.peakRssMb = process.resourceUsage().maxRSS / 1024;
  counts.seconds = (performance.now() - started) / 1000;
  return counts;
}

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first.`);
  const { folder, seeds } = fuzzSeeds(400, 200_000);
  log(`${fileCount} files from ${seeds.length} seeds in ${folder}, seed ${seed}, ${timeBudgetMs} ms budget`);
  const scratch = mkdtempSync(join(tmpdir(), 'llama-review-fuzz-'));
  try {
    if (only && only !== 'cli' && only !== 'analyzer') throw new Error('--only takes "cli" or "analyzer".');
    const cliCounts = only === 'analyzer' ? undefined : await cliPhase(seeds, scratch);
    const analyzerCounts = only === 'cli' ? undefined : await analyzerPhase(seeds);
    const report = { seed, files: fileCount, seeds: seeds.length, corpus: folder, timeBudgetMs, node: process.version, date: new Date().toISOString(), cli: cliCounts, longLivedAnalyzer: analyzerCounts };
    const out = join(scratch, '..', `llama-review-fuzz-${seed}-${fileCount}.json`);
    writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
    console.log(JSON.stringify(report, null, 2));
    console.log(`Counts written to ${out}`);
    const failed =
      (cliCounts ? cliCounts.crashes.length + cliCounts.hangs.length : 0) +
      (analyzerCounts
        ? analyzerCounts.threw + analyzerCounts.hangs + analyzerCounts.positionProblems + analyzerCounts.fixesChangedOutsideEdits + analyzerCounts.fixesBrokeSyntax + analyzerCounts.freshDifferences + analyzerCounts.wasmTraps
        : 0);
    process.exitCode = failed > 0 ? 1 : 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`fuzz: ${(error as Error).stack ?? error}`);
  process.exitCode = 2;
});
