// One linter over one corpus, alone in its process so that its peak memory is its own:
//   node lintCorpus.js <llama-review|ruff-default|ruff-comparable> <file-list.json>
// Prints one JSON line: init time, one timed pass over every file, findings and peak RSS.
import { readFileSync } from 'node:fs';
import { Analyzer } from '../../src/analysis/engine';
import { countLines } from '../corpus';

export interface LintRun {
  tool: string;
  files: number;
  lines: number;
  initMs: number;
  seconds: number;
  linesPerSecond: number;
  findings: number;
  peakRssMb: number;
}

/** Ruff's own default rule set, and the families that overlap ours (bandit, bugbear, perflint, E7, mccabe). */
const ruffSelections: Record<string, string[]> = {
  'ruff-default': ['E4', 'E7', 'E9', 'F'],
  'ruff-comparable': ['S', 'B', 'PERF', 'E7', 'C90'],
};

type Check = (text: string) => number;

async function linter(tool: string): Promise<Check> {
  if (tool === 'llama-review') {
    const analyzer = await Analyzer.create();
    return (text) => analyzer.analyze(text, 'python', { timeBudgetMs: 60_000 }).findings.length;
  }
  const select = ruffSelections[tool];
  if (!select) throw new Error(`Unknown tool "${tool}".`);
  const ruff = (await import('@astral-sh/ruff-wasm-nodejs')) as typeof import('@astral-sh/ruff-wasm-nodejs');
  const workspace = new ruff.Workspace({ lint: { select } }, ruff.PositionEncoding.Utf16);
  return (text) => (workspace.check(text) as unknown[]).length;
}

async function main(): Promise<void> {
  const [tool, listFile] = process.argv.slice(2);
  const paths = JSON.parse(readFileSync(listFile, 'utf8')) as string[];
  const texts = paths.map((path) => readFileSync(path, 'utf8'));
  const lines = texts.reduce((sum, text) => sum + countLines(text), 0);
  const initStarted = performance.now();
  const check = await linter(tool);
  const initMs = performance.now() - initStarted;
  // A short warm-up, so both tools are measured with their code compiled.
  for (const text of texts.slice(0, 20)) check(text);
  let findings = 0;
  const started = performance.now();
  for (const text of texts) findings += check(text);
  const seconds = (performance.now() - started) / 1000;
  const run: LintRun = {
    tool,
    files: texts.length,
    lines,
    initMs,
    seconds,
    linesPerSecond: lines / seconds,
    findings,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(run) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
