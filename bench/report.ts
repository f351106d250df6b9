// Turns benchmark figures into the printed table, the JSON file of a run, and the README section.
import { cpus, totalmem } from 'node:os';
import type { AnalysisFigures } from './analysisBench';
import type { FlowFigures } from './flowBench';
import type { ModelFigures } from './modelBench';
import type { ServerFigures } from './serverBench';
import type { TriageFigures } from './triageBench';
import { isFailed, type FailedRow } from './rows';

export interface MachineFacts {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  date: string;
}

export interface BenchRun {
  machine: MachineFacts;
  analysis?: AnalysisFigures | FailedRow;
  flow?: FlowFigures | FailedRow;
  model?: ModelFigures[] | FailedRow;
  server?: ServerFigures | FailedRow;
  triage?: (TriageFigures | (FailedRow & { model: string }))[] | FailedRow;
}

export function machineFacts(): MachineFacts {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return { cpu, cores: cpus().length, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version, platform: `${process.platform}-${process.arch}`, date: new Date().toISOString() };
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const thousands = (value: number) => Math.round(value).toLocaleString('en-US');
const times = (value: number) => `${value.toFixed(2)}x`;

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** A row that failed: its name, the reason, and a dash for each other column. */
function failedCells(name: string, row: FailedRow, columns: number): string[] {
  return [name, `failed: ${row.failed.replace(/\|/g, '/')}`, ...Array.from({ length: columns - 2 }, () => '-')];
}

function scalingTable(figures: AnalysisFigures): string {
  const rows = (figures.scaling ?? []).map((run) => {
    const name = `${run.shape} x ${thousands(run.n)}`;
    if (isFailed(run)) return failedCells(name, run, 3);
    return [name, run.skipped ? `skipped (${run.skipped})` : ms(run.ms), run.peakRssMb.toFixed(0)];
  });
  return table(['Generated shape (target: linear, 10x the size costs about 10x)', 'analyze() ms', 'Peak RSS MB'], rows);
}

function analysisTables(figures: AnalysisFigures): string[] {
  const latency = table(
    ['File', 'Lines', 'analyze() p50 / p95 ms', 'parse alone p50 / p95 ms', 'analyze / parse (target <= 2x)', 'after a one-line edit p50 / p95 ms (target p50 < 5 ms at 1,000 lines)'],
    figures.latency.map((entry) => isFailed(entry) ? failedCells(entry.file, entry, 6) : [
      entry.file.replace(figures.corpusFolder + '/', ''),
      thousands(entry.lines),
      `${ms(entry.analyze.p50)} / ${ms(entry.analyze.p95)}`,
      `${ms(entry.parse.p50)} / ${ms(entry.parse.p95)}`,
      times(entry.ratio),
      `${ms(entry.afterEdit.p50)} / ${ms(entry.afterEdit.p95)}`,
    ]),
  );
  const found = figures.throughput.find((run) => run.tool === 'llama-review');
  const ours = found && !isFailed(found) ? found : undefined;
  const rows = figures.throughput.map((run) => isFailed(run) ? failedCells(run.tool, run, 8) : [
    run.tool,
    thousands(run.lines),
    run.seconds.toFixed(2),
    thousands(run.linesPerSecond),
    ours ? times(ours.linesPerSecond / run.linesPerSecond) : '-',
    thousands(run.findings),
    run.peakRssMb.toFixed(0),
    ms(run.initMs),
  ]);
  const throughput = table(['In one process, after start-up', 'Lines', 'Seconds', 'Lines/s', 'Llama Review speed-up', 'Findings', 'Peak RSS MB', 'Start-up ms'], rows);
  const corpusLines = ours?.lines ?? 0;
  const processes = figures.cli.map((run) => (isFailed(run) ? failedCells(run.tool, run, 4) : [run.tool, thousands(corpusLines), run.seconds.toFixed(2), thousands(run.linesPerSecond)]));
  const bandit = figures.bandit;
  if (bandit && 'seconds' in bandit) processes.push([`bandit -q -f json (${bandit.version})`, thousands(corpusLines), bandit.seconds.toFixed(2), thousands(bandit.linesPerSecond)]);
  const wholeProcess = table(['As a whole process (start-up included)', 'Lines', 'Seconds', 'Lines/s'], processes);
  const notes = bandit && 'skipped' in bandit ? [`Bandit: ${bandit.skipped}.`] : [];
  return [`Corpus: ${figures.corpusFolder} (${ours?.files ?? 0} files).`, '', latency, '', throughput, '', wholeProcess, ...(notes.length ? ['', ...notes] : []), '', scalingTable(figures)];
}

function hostRow(name: string, figures: ModelFigures['hosts']['bare'], bare: ModelFigures['hosts']['bare']): string[] {
  if (isFailed(figures)) return failedCells(name, figures, 4);
  const share = isFailed(bare) ? '-' : `${((figures.endToEndTokensPerSecond / bare.endToEndTokensPerSecond) * 100).toFixed(0)}%`;
  return [name, figures.decodeTokensPerSecond.toFixed(0), figures.endToEndTokensPerSecond.toFixed(0), share];
}

function firstTokenTable(first: ModelFigures['firstToken']): string {
  const header = ['Time to first token (child host)', 'ms', 'Prompt tokens evaluated'];
  if (isFailed(first)) return table(header, [failedCells('all three', first, 3)]);
  return table(header, [
    ['cold: load + first question', ms(first.coldWithLoadMs), String(first.firstPromptTokens)],
    ['first question, model loaded', ms(first.firstQuestionMs), String(first.firstPromptTokens)],
    [`follow-up (${((first.followUpMs / first.coldWithLoadMs) * 100).toFixed(0)}% of cold, ${((first.followUpMs / first.firstQuestionMs) * 100).toFixed(0)}% of first; target <= 30%)`, ms(first.followUpMs), String(first.followUpPromptTokens)],
  ]);
}

function flowTables(figures: FlowFigures): string[] {
  const latency = table(
    ['On save (one-line edit, cached tree)', 'Lines', 'with flow p50 / p95 ms', 'without flow p50 / p95 ms', 'flow p50 ms', 'with / without (target <= 1.5x)'],
    figures.latency.map((entry) => isFailed(entry) ? failedCells(entry.file.split('/').slice(-2).join('/'), entry, 6) : [
      entry.file.split('/').slice(-2).join('/'),
      thousands(entry.lines),
      `${ms(entry.withFlow.p50)} / ${ms(entry.withFlow.p95)}`,
      `${ms(entry.withoutFlow.p50)} / ${ms(entry.withoutFlow.p95)}`,
      ms(entry.flowMsP50),
      times(entry.ratio),
    ]),
  );
  const corpora = table(
    ['Corpus', 'Files', 'Lines', 'Files with flow', 'Functions analysed', 'Flow share of analysis', 'with / without flow (target <= 1.5x)', 'Taint findings'],
    figures.corpora.map((entry) => isFailed(entry) ? failedCells(entry.name, entry, 8) : [
      entry.name,
      thousands(entry.files),
      thousands(entry.lines),
      thousands(entry.filesWithFlow),
      thousands(entry.functions),
      `${(entry.share * 100).toFixed(1)}%`,
      times(entry.ratio),
      thousands(entry.taintFindings),
    ]),
  );
  return [latency, '', corpora];
}

function modelTables(figures: ModelFigures[]): string[] {
  const out: string[] = [];
  for (const model of figures) {
    const { bare, inProcess, childProcess } = model.hosts;
    out.push(`Model: ${model.model}, ${thousands(model.parameters)} parameters; prompt about ${model.prompt.tokens} tokens, up to ${model.prompt.maxTokens} answer tokens; ${model.threads} thread(s) (${model.threadReason}).`, '');
    out.push(
      table(['Host', 'Decode tokens/s', 'End-to-end tokens/s', 'vs bare node-llama-cpp (end to end; target >= 95%)'], [
        hostRow('bare node-llama-cpp', bare, bare),
        hostRow('our engine, in process', inProcess, bare),
        hostRow('our engine, child process', childProcess, bare),
      ]),
      '',
      table(['Threads', 'Threads used', 'Decode tokens/s'], model.threadSweep.map((entry) => (isFailed(entry) ? failedCells(entry.threads, entry, 3) : [entry.threads, String(entry.threadsUsed), entry.decodeTokensPerSecond.toFixed(1)]))),
      '',
      firstTokenTable(model.firstToken),
      '',
    );
  }
  return out;
}

function serverTable(figures: ServerFigures): string[] {
  const path = (name: string, side: ServerFigures['openAiServer']) =>
    isFailed(side) ? failedCells(name, side, 6) : [name, ms(side.firstTokenMs), side.decodeTokensPerSecond.toFixed(0), side.endToEndTokensPerSecond.toFixed(0), String(side.promptTokens), String(side.outputTokens)];
  return [
    `Model: ${figures.model}; prompt about ${figures.prompt.tokens} tokens, up to ${figures.prompt.maxTokens} answer tokens; ${figures.threads} thread; medians of ${figures.runs} runs.`,
    '',
    table(['Answer path', 'First token ms', 'Decode tokens/s', 'End-to-end tokens/s', 'Prompt tokens evaluated', 'Output tokens'], [
      path('OpenAiProvider + llama-server (loopback)', figures.openAiServer),
      path('local child-process host', figures.childHost),
    ]),
  ];
}

function triageTable(figures: (TriageFigures | (FailedRow & { model: string }))[]): string {
  const rejected = (entry: TriageFigures) => Object.entries(entry.rejected).map(([kind, count]) => `${count} ${kind}`).join(', ') || 'none';
  return table(
    ['Triage (prompt, local provider, JSON grammar, verification)', 'Findings', 'First, with the load, ms', 'Per finding p50 / p95 ms', 'Verified', 'Turned unsure by verification', 'Unreadable'],
    figures.map((entry) => isFailed(entry) ? failedCells(entry.model, entry, 7) : [
      `${entry.model}, ${entry.threads} thread(s), prompt about ${entry.promptTokensP50} tokens, up to ${entry.maxTokens} answer tokens`,
      String(entry.findings),
      ms(entry.firstMs),
      `${ms(entry.perFinding.p50)} / ${ms(entry.perFinding.p95)}`,
      String(entry.verified),
      rejected(entry),
      String(entry.unreadable),
    ]),
  );
}

export function markdownReport(run: BenchRun): string {
  const { machine } = run;
  const lines = [`Measured ${machine.date.slice(0, 10)} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node} (${machine.platform}).`, ''];
  if (run.analysis) lines.push('**Analysis**', '', ...(isFailed(run.analysis) ? [`Failed: ${run.analysis.failed}`] : analysisTables(run.analysis)), '');
  if (run.flow) lines.push('**Flow (taint rules)**', '', ...(isFailed(run.flow) ? [`Failed: ${run.flow.failed}`] : flowTables(run.flow)), '');
  if (run.model) lines.push('**Model host**', '', ...(isFailed(run.model) ? [`Failed: ${run.model.failed}`] : modelTables(run.model)));
  if (run.server) lines.push('**OpenAI-compatible server vs local host**', '', ...(isFailed(run.server) ? [`Failed: ${run.server.failed}`] : serverTable(run.server)), '');
  if (run.triage) lines.push('', '**Triage**', '', isFailed(run.triage) ? `Failed: ${run.triage.failed}` : triageTable(run.triage));
  return lines.join('\n').trimEnd() + '\n';
}
