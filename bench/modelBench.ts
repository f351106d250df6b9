// Model-host benchmarks with test-written GGUFs (random weights: speed is real, text is not):
// bare node-llama-cpp vs our engine in process vs our engine behind the child-process host, at
// the same settings; a thread-count sweep; time to first token, cold and for a follow-up.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analyzer } from '../src/analysis/engine';
import { ruleMeta } from '../src/analysis/rules';
import { ChildProcessHost } from '../src/model/childHost';
import { availableCores, chooseThreadCount, osMachineProfile } from '../src/model/hardware';
import { InProcessHost, type ModelHost } from '../src/model/host';
import { loadLlamaModule } from '../src/model/llamaModule';
import { explainPrompt, type PromptParts } from '../src/model/prompts';
import type { EngineOptions, LoadRequest } from '../src/model/requests';
import { writeTinyModel, type TinyModelShape } from '../test/support/gguf';
import { fileOfSize, standardLibraryFolder } from './corpus';
import { row, type FailedRow } from './rows';
import { median } from './stats';

export interface ThroughputFigures {
  /** Decoding speed after the first token. */
  decodeTokensPerSecond: number;
  /** Output tokens over the whole request, prompt evaluation and messaging included. */
  endToEndTokensPerSecond: number;
}

export interface ThreadFigures {
  threads: string;
  threadsUsed: number;
  decodeTokensPerSecond: number;
}

export interface FirstTokenFigures {
  /** Load plus the first question's prompt evaluation, as the first "explain" of a session. */
  coldWithLoadMs: number;
  /** First question of a new conversation, model already loaded. */
  firstQuestionMs: number;
  followUpMs: number;
  firstPromptTokens: number;
  followUpPromptTokens: number;
}

export interface ModelFigures {
  model: string;
  parameters: number;
  threads: number;
  threadReason: string;
  prompt: { tokens: number; maxTokens: number };
  /** A row that failed (a timeout on a busy machine, a crash) says why; the others still count. */
  hosts: { bare: ThroughputFigures | FailedRow; inProcess: ThroughputFigures | FailedRow; childProcess: ThroughputFigures | FailedRow };
  threadSweep: (ThreadFigures | (FailedRow & { threads: string }))[];
  firstToken: FirstTokenFigures | FailedRow;
}

const runs = 5;
/** The sweep only has to show the shape: oversubscribed counts crawl, so fewer and shorter runs. */
const sweepRuns = 2;
const sweepBudgetMs = 8_000;
const maxTokens = 200;
/** Oversubscribed threads can crawl at a few tokens per second: bound each run's time, not its length. */
const runBudgetMs = 20_000;

/** The bundled child entry (what the extension ships), or the compiled one beside this file. */
function childScript(): string {
  const bundled = join(__dirname, '..', '..', 'dist', 'modelProcess.js');
  return existsSync(bundled) ? bundled : join(__dirname, '..', 'src', 'model', 'modelProcess.js');
}

/** A real explain prompt: the first finding in a standard-library module, with its surrounding lines. */
export async function explainPromptForBench(): Promise<PromptParts> {
  const file = fileOfSize(standardLibraryFolder(), 1_000);
  const analyzer = await Analyzer.create();
  const finding = analyzer.analyze(file.text, 'python').findings[0];
  analyzer.dispose();
  if (!finding) throw new Error(`No finding in ${file.path} to explain.`);
  const line = finding.range.start.line;
  return explainPrompt({ fileName: file.path, text: file.text, finding, rule: ruleMeta(finding.ruleId), span: { startLine: Math.max(0, line - 20), endLine: line + 20 } });
}

async function bareThroughput(modelPath: string, prompt: PromptParts, threads: number | undefined, repeat = runs, budgetMs = runBudgetMs): Promise<ThroughputFigures & { threadsUsed: number }> {
  const llamaCpp = await loadLlamaModule();
  const llama = await llamaCpp.getLlama({ gpu: false, build: 'never', logLevel: llamaCpp.LlamaLogLevel.error, ...(threads ? { maxThreads: threads } : {}) });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: 2048, ...(threads ? { threads } : {}) });
  const sequence = context.getSequence();
  const decode: number[] = [];
  const endToEnd: number[] = [];
  for (let run = 0; run < repeat; run++) {
    const session = new llamaCpp.LlamaChatSession({ contextSequence: sequence, chatWrapper: new llamaCpp.Llama2ChatWrapper(), systemPrompt: distinctSystemPrompt(prompt, run) });
    let first: number | undefined;
    let tokens = 0;
    const started = performance.now();
    await session.prompt(prompt.prompt, {
      maxTokens,
      temperature: 0,
      signal: AbortSignal.timeout(budgetMs),
      stopOnAbortSignal: true,
      onToken: (chunk) => ((first ??= performance.now()), (tokens += chunk.length)),
    });
    const finished = performance.now();
    decode.push(first === undefined ? 0 : (tokens - 1) / ((finished - first) / 1000));
    endToEnd.push(tokens / ((finished - started) / 1000));
    session.dispose({ disposeSequence: false });
    await sequence.clearHistory();
  }
  const threadsUsed = context.currentThreads;
  await llama.dispose();
  return { decodeTokensPerSecond: median(decode), endToEndTokensPerSecond: median(endToEnd), threadsUsed };
}

/**
 * Each run's prompt starts differently, so no host can answer from a prompt it evaluated before:
 * end-to-end figures then compare the same work (our engine would otherwise reuse the prefix).
 */
function distinctSystemPrompt(prompt: PromptParts, run: number): string {
  return `Request ${run + 1}. ${prompt.systemPrompt}`;
}

function loadRequest(path: string): LoadRequest {
  return { modelId: 'bench', path, chatFormat: 'llama2', contextSize: 2048, gpuLayers: 0 };
}

async function hostThroughput(host: ModelHost, modelPath: string, prompt: PromptParts): Promise<ThroughputFigures> {
  try {
    await host.load(loadRequest(modelPath));
    const decode: number[] = [];
    const endToEnd: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      // Each run is a new one-shot conversation, as in the bare runs.
      const result = await host.generate({ systemPrompt: distinctSystemPrompt(prompt, run), prompt: prompt.prompt, maxTokens, temperature: 0 }, { onText: () => undefined });
      decode.push(result.tokensPerSecond);
      endToEnd.push(result.outputTokens / ((performance.now() - started) / 1000));
    }
    return { decodeTokensPerSecond: median(decode), endToEndTokensPerSecond: median(endToEnd) };
  } finally {
    await host.dispose();
  }
}

/** Time to first token through the child host, as the editor sees it. */
async function firstTokenTimes(engine: EngineOptions, modelPath: string, prompt: PromptParts): Promise<FirstTokenFigures> {
  const host = new ChildProcessHost({ scriptPath: childScript(), engine });
  const firstTokenAfter = async (conversationId: string, text: string, started = performance.now()) => {
    let firstAt: number | undefined;
    const result = await host.generate({ conversationId, systemPrompt: prompt.systemPrompt, prompt: text, maxTokens: 32, temperature: 0 }, { onText: () => (firstAt ??= performance.now()) });
    return { ms: (firstAt ?? performance.now()) - started, promptTokens: result.promptTokensEvaluated };
  };
  try {
    const coldStarted = performance.now();
    await host.load(loadRequest(modelPath));
    const cold = await firstTokenAfter('cold', prompt.prompt, coldStarted);
    const first = await firstTokenAfter('warm', prompt.prompt);
    const followUp = await firstTokenAfter('warm', 'And what would a safe version of that line look like?');
    return { coldWithLoadMs: cold.ms, firstQuestionMs: first.ms, followUpMs: followUp.ms, firstPromptTokens: first.promptTokens, followUpPromptTokens: followUp.promptTokens };
  } finally {
    await host.dispose();
  }
}

function parameterCount(shape: TinyModelShape, vocabulary = 320): number {
  const attention = 2 * shape.embedding * shape.embedding + 2 * shape.embedding * ((shape.embedding / shape.heads) * shape.kvHeads);
  const feedForward = 3 * shape.embedding * shape.feedForward;
  return shape.layers * (attention + feedForward) + 2 * vocabulary * shape.embedding;
}

export const benchModels: { name: string; shape: TinyModelShape }[] = [
  { name: 'tiny (the unit tests\' GGUF)', shape: { embedding: 64, feedForward: 128, layers: 2, heads: 4, kvHeads: 2, contextLength: 2048 } },
  { name: 'small (random weights, 8 layers)', shape: { embedding: 512, feedForward: 1536, layers: 8, heads: 8, kvHeads: 4, contextLength: 2048 } },
];

export async function runModelBench(options: { quick: boolean; log: (line: string) => void }): Promise<ModelFigures[]> {
  const folder = mkdtempSync(join(tmpdir(), 'llama-review-bench-model-'));
  const figures: ModelFigures[] = [];
  try {
    const prompt = await explainPromptForBench();
    const machine = osMachineProfile();
    const chosen = chooseThreadCount(machine, 'auto');
    const engine: EngineOptions = { gpu: 'off', threads: chosen.threads, idleUnloadMs: 0 };
    const cores = availableCores();
    for (const { name, shape } of options.quick ? benchModels.slice(0, 1) : benchModels) {
      const path = writeTinyModel(join(folder, `${shape.embedding}x${shape.layers}.gguf`), { shape });
      options.log(`model ${name}: hosts at ${chosen.threads} thread(s)`);
      const bare = await row(`${name}: bare node-llama-cpp`, options.log, {}, () => bareThroughput(path, prompt, chosen.threads));
      const inProcess = await row(`${name}: in process`, options.log, {}, () => hostThroughput(new InProcessHost(engine), path, prompt));
      const childProcess = await row(`${name}: child process`, options.log, {}, () => hostThroughput(new ChildProcessHost({ scriptPath: childScript(), engine }), path, prompt));
      options.log(`model ${name}: thread sweep`);
      const threadSweep: ModelFigures['threadSweep'] = [];
      const counts = [...new Set([1, 2, cores])].filter((count) => count <= Math.max(2, cores));
      for (const threads of [...counts, undefined]) {
        const label = threads === undefined ? 'node-llama-cpp default' : String(threads);
        threadSweep.push(
          await row(`${name}: ${label} threads`, options.log, { threads: label }, async () => {
            const run = await bareThroughput(path, prompt, threads, sweepRuns, sweepBudgetMs);
            return { threads: label, threadsUsed: run.threadsUsed, decodeTokensPerSecond: run.decodeTokensPerSecond };
          }),
        );
      }
      options.log(`model ${name}: time to first token`);
      const firstToken = await row(`${name}: time to first token`, options.log, {}, () => firstTokenTimes(engine, path, prompt));
      figures.push({
        model: name,
        parameters: parameterCount(shape),
        threads: chosen.threads,
        threadReason: chosen.reason,
        prompt: { tokens: prompt.promptTokens, maxTokens },
        hosts: { bare, inProcess, childProcess },
        threadSweep,
        firstToken,
      });
    }
    return figures;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
