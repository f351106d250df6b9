// `npm run bench`: analysis and model-host benchmarks. Prints tables, writes the run's JSON to
// bench/results/, and refreshes the README's benchmark section.
//   --only analysis|flow|model|server|triage   one part       --quick   fewer runs, smaller corpus, tiny model only
//   (server: the tiny model through OpenAiProvider + llama-server, and through the child host)
//   --no-readme             leave README.md alone
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { runAnalysisBench } from './analysisBench';
import { runFlowBench } from './flowBench';
import { runModelBench } from './modelBench';
import { runServerBench } from './serverBench';
import { runTriageBench } from './triageBench';
import { machineFacts, markdownReport, type BenchRun } from './report';
import { row } from './rows';

const repository = join(__dirname, '..', '..');

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function updateReadme(section: string): void {
  const path = join(repository, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the ${start} ... ${end} markers.`);
  writeFileSync(path, readme.slice(0, from + start.length) + '\n' + section + readme.slice(to));
}

async function main(): Promise<void> {
  const only = option('--only');
  if (only && !['analysis', 'flow', 'model', 'server', 'triage'].includes(only)) throw new Error('--only takes "analysis", "flow", "model", "server" or "triage".');
  const quick = process.argv.includes('--quick');
  const log = (line: string) => console.error(`bench: ${line}`);
  const run: BenchRun = { machine: machineFacts() };
  // Each part may fail as a whole (no Python standard library, no model runtime): the others'
  // figures and the JSON are still written.
  if (!only || only === 'analysis') run.analysis = await row('analysis benchmarks', log, {}, () => runAnalysisBench({ quick, log }));
  if (!only || only === 'flow') run.flow = await row('flow benchmarks', log, {}, () => runFlowBench({ quick, log }));
  if (!only || only === 'model') run.model = await row('model benchmarks', log, {}, () => runModelBench({ quick, log }));
  if (!only || only === 'server') run.server = await row('server benchmarks', log, {}, () => runServerBench({ log }));
  if (!only || only === 'triage') run.triage = await row('triage benchmarks', log, {}, () => runTriageBench({ quick, log }));

  const report = markdownReport(run);
  console.log('\n' + report);
  const folder = join(repository, 'bench', 'results');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${run.machine.date.replace(/[:.]/g, '-')}-${hostname()}.json`);
  writeFileSync(file, JSON.stringify(run, null, 2) + '\n');
  console.log(`Figures written to ${file}`);
  if (!process.argv.includes('--no-readme') && !quick && !only) {
    updateReadme(report);
    console.log('README.md benchmark section updated.');
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
});
