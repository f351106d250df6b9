// What the flow layer costs: analysis with the taint rules against the same analysis without them
// (so no flow), per file on save and over corpora. Two corpora: the standard library (mostly no
// untrusted data, so flow mostly stays out) and web-application code (the taint fixtures), where
// every view is analysed.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer, type AnalysisResult } from '../src/analysis/engine';
import { taintRulesForLanguage } from '../src/analysis/rules';
import { corpus, fileOfSize, readSource, standardLibraryFolder, type SourceFile } from './corpus';
import { row, type FailedRow } from './rows';
import { spread, timeInterleaved, type Spread } from './stats';

export interface FlowLatency {
  file: string;
  lines: number;
  /** A one-line edit, analysed again with the cached tree: the editor's on-save case. */
  withFlow: Spread;
  withoutFlow: Spread;
  /** withFlow p50 / withoutFlow p50. */
  ratio: number;
  flowMsP50: number;
}

export interface FlowCorpus {
  name: string;
  files: number;
  lines: number;
  /** Files in which flow found something to analyse. */
  filesWithFlow: number;
  functions: number;
  /** Sums of the analysis timings over the corpus. */
  analysisMs: number;
  flowMs: number;
  /** flowMs / analysisMs. */
  share: number;
  /** Whole analysis time with flow over the same without it (taint rules off). */
  ratio: number;
  taintFindings: number;
}

export interface FlowFigures {
  latency: (FlowLatency | (FailedRow & { file: string }))[];
  corpora: (FlowCorpus | (FailedRow & { name: string }))[];
}

const taintIds = taintRulesForLanguage('python').map((rule) => rule.meta.id);
const noFlow = { ignore: taintIds, timeBudgetMs: 60_000 };
const withFlow = { timeBudgetMs: 60_000 };

function total(result: AnalysisResult): number {
  return result.timings.parseMs + result.timings.checkMs + result.timings.flowMs;
}

async function onSave(analyzer: Analyzer, file: SourceFile, runs: number): Promise<FlowLatency> {
  const middle = file.text.indexOf('\n', Math.floor(file.text.length / 2)) + 1;
  const edited = `${file.text.slice(0, middle)}value = compute(value)\n${file.text.slice(middle)}`;
  let flipA = false;
  let flipB = false;
  const flowSamples: number[] = [];
  const flowed = () => {
    const result = analyzer.analyze((flipA = !flipA) ? edited : file.text, 'python', { ...withFlow, cacheKey: 'flow-on' });
    flowSamples.push(result.timings.flowMs);
  };
  const plain = () => analyzer.analyze((flipB = !flipB) ? edited : file.text, 'python', { ...noFlow, cacheKey: 'flow-off' });
  for (let warm = 0; warm < 5; warm++) (flowed(), plain());
  flowSamples.length = 0;
  const [a, b] = timeInterleaved(runs, flowed, plain);
  analyzer.forget('flow-on');
  analyzer.forget('flow-off');
  const on = spread(a);
  const off = spread(b);
  return { file: file.path, lines: file.lines, withFlow: on, withoutFlow: off, ratio: on.p50 / off.p50, flowMsP50: spread(flowSamples).p50 };
}

function overCorpus(analyzer: Analyzer, name: string, files: readonly SourceFile[], followImports = true): FlowCorpus {
  // One warm-up pass each way, then one measured pass each way.
  for (const file of files.slice(0, 20)) (analyzer.analyze(file.text, 'python', withFlow), analyzer.analyze(file.text, 'python', noFlow));
  let analysisMs = 0;
  let flowMs = 0;
  let filesWithFlow = 0;
  let functions = 0;
  let taintFindings = 0;
  let plainMs = 0;
  for (const file of files) {
    const result = analyzer.analyze(file.text, 'python', { ...withFlow, filePath: file.path, followImports });
    analysisMs += total(result);
    flowMs += result.timings.flowMs;
    if (result.flow) filesWithFlow++;
    functions += result.flow?.functions ?? 0;
    taintFindings += result.findings.filter((finding) => taintIds.includes(finding.ruleId)).length;
    plainMs += total(analyzer.analyze(file.text, 'python', noFlow));
  }
  const lines = files.reduce((sum, file) => sum + file.lines, 0);
  return { name, files: files.length, lines, filesWithFlow, functions, analysisMs, flowMs, share: flowMs / analysisMs, ratio: analysisMs / plainMs, taintFindings };
}

/** Web-application code: the taint rules' own fixtures (Flask, Django, FastAPI, aiohttp, Tornado views). */
function webCorpus(): SourceFile[] {
  const folder = join(__dirname, '..', '..', 'test', 'fixtures', 'python', 'rules');
  return readdirSync(folder)
    .filter((name) => taintIds.some((id) => name === `${id}.py`))
    .sort()
    .map((name) => readSource(join(folder, name)));
}

export async function runFlowBench(options: { quick: boolean; log: (line: string) => void }): Promise<FlowFigures> {
  const folder = standardLibraryFolder();
  const runs = options.quick ? 15 : 60;
  const analyzer = await Analyzer.create();
  try {
    // A row that fails is recorded with its reason; the others are still measured.
    const latency: FlowFigures['latency'] = [];
    for (const target of [1_000, 10_000]) {
      const file = fileOfSize(folder, target);
      options.log(`flow: on-save latency, ${file.lines} lines (${file.path}), ${runs} runs with flow and without`);
      latency.push(await row(`flow on-save ${file.path}`, options.log, { file: file.path }, () => onSave(analyzer, file, runs)));
    }
    const corpora: FlowFigures['corpora'] = [];
    const webName = 'web views (taint fixtures)';
    options.log('flow: web-application corpus (taint fixtures)');
    corpora.push(await row(`flow ${webName}`, options.log, { name: webName }, () => overCorpus(analyzer, webName, webCorpus())));
    const library = corpus(folder, options.quick ? 100_000 : 300_000);
    options.log(`flow: standard library, ${library.length} files`);
    corpora.push(await row('flow standard library', options.log, { name: 'standard library' }, () => overCorpus(analyzer, 'standard library', library)));
    // The same files each on their own (`--no-follow-imports`): what a file costs without the
    // modules it imports, which the standard library, importing itself, makes the larger part.
    const alone = 'standard library, imports not followed';
    corpora.push(await row(`flow ${alone}`, options.log, { name: alone }, () => overCorpus(analyzer, alone, library, false)));
    return { latency, corpora };
  } finally {
    analyzer.dispose();
  }
}
