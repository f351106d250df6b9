// The same tiny model answered two ways: through OpenAiProvider from a real llama-server (built by
// scripts/build-llama-server.sh), and through the local child-process host the editor uses; one
// thread each, the same prompt and answer length, medians of a few runs.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelHost } from '../src/model/host';
import { OpenAiProvider } from '../src/model/openai/openAiProvider';
import type { PromptParts } from '../src/model/prompts';
import { resolveModelSettings } from '../src/model/settings';
import { createHost } from '../src/model/setup';
import { tinyShape, writeTinyModel } from '../test/support/gguf';
import { LlamaServer, llamaServerBinary } from '../test/support/llamaServer';
import { explainPromptForBench } from './modelBench';
import { row, type FailedRow } from './rows';
import { median } from './stats';

export interface AnswerPathFigures {
  /** Decoding speed after the first token, as the provider / host reports it. */
  decodeTokensPerSecond: number;
  /** From the call until the first text reaches the caller. */
  firstTokenMs: number;
  /** Output tokens over the whole call. */
  endToEndTokensPerSecond: number;
  outputTokens: number;
  /** Prompt tokens the server / engine reports evaluating: both sides read the same prompt. */
  promptTokens: number;
}

export interface ServerFigures {
  model: string;
  threads: number;
  runs: number;
  prompt: { tokens: number; maxTokens: number };
  openAiServer: AnswerPathFigures | FailedRow;
  childHost: AnswerPathFigures | FailedRow;
}

const runs = 5;
const maxTokens = 200;
const threads = 1;
/**
 * The tiny model's small vocabulary makes the explain prompt about 3,100 tokens; llama-server caps
 * its context at the model's training length, so the bench's copy of the tiny model declares more.
 */
const contextSize = 4096;

/** Each run starts differently, so neither side answers from a prompt prefix it evaluated before. */
function runPrompt(prompt: PromptParts, run: number): PromptParts {
  return { ...prompt, systemPrompt: `Request ${run + 1}. ${prompt.systemPrompt}` };
}

interface Sample {
  firstTokenMs: number;
  totalMs: number;
  outputTokens: number;
  promptTokens: number;
  tokensPerSecond: number;
}

function summary(samples: Sample[]): AnswerPathFigures {
  return {
    decodeTokensPerSecond: median(samples.map((sample) => sample.tokensPerSecond)),
    firstTokenMs: median(samples.map((sample) => sample.firstTokenMs)),
    endToEndTokensPerSecond: median(samples.map((sample) => sample.outputTokens / (sample.totalMs / 1000))),
    outputTokens: median(samples.map((sample) => sample.outputTokens)),
    promptTokens: median(samples.map((sample) => sample.promptTokens)),
  };
}

async function throughServer(modelPath: string, prompt: PromptParts): Promise<AnswerPathFigures> {
  const server = await LlamaServer.start({ modelPath, threads, contextSize, alias: 'bench' });
  const settings = resolveModelSettings({ server: { baseUrl: server.baseUrl }, tasks: { explain: { temperature: 0, maxTokens } } }, {});
  const provider = new OpenAiProvider(settings);
  try {
    await provider.ask({ prompt: runPrompt(prompt, -1) }); // warm-up: the first request pays for the server's own start
    const samples: Sample[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      let firstAt: number | undefined;
      const result = await provider.ask({ prompt: runPrompt(prompt, run) }, { onText: () => (firstAt ??= performance.now()) });
      const finished = performance.now();
      samples.push({ firstTokenMs: (firstAt ?? finished) - started, totalMs: finished - started, outputTokens: result.outputTokens, promptTokens: result.promptTokensEvaluated, tokensPerSecond: result.tokensPerSecond });
    }
    return summary(samples);
  } finally {
    await provider.dispose();
    await server.stop();
  }
}

/** The bundled child entry (what the extension ships); `npm run bench` builds dist first. */
function childScript(): string {
  const bundled = join(__dirname, '..', '..', 'dist', 'modelProcess.js');
  if (!existsSync(bundled)) throw new Error(`${bundled} is missing: run \`npm run build\`.`);
  return bundled;
}

async function throughChildHost(modelPath: string, prompt: PromptParts): Promise<AnswerPathFigures> {
  const settings = resolveModelSettings({ threads, gpu: 'off', idleUnloadSeconds: 0 }, {});
  const host: ModelHost = createHost(settings, childScript());
  try {
    await host.load({ modelId: 'bench', path: modelPath, chatFormat: 'llama2', contextSize, gpuLayers: 0 });
    await host.generate({ systemPrompt: prompt.systemPrompt, prompt: prompt.prompt, maxTokens, temperature: 0 }); // warm-up, as for the server
    const samples: Sample[] = [];
    for (let run = 0; run < runs; run++) {
      const { systemPrompt } = runPrompt(prompt, run);
      const started = performance.now();
      let firstAt: number | undefined;
      const result = await host.generate({ systemPrompt, prompt: prompt.prompt, maxTokens, temperature: 0 }, { onText: () => (firstAt ??= performance.now()) });
      const finished = performance.now();
      samples.push({ firstTokenMs: (firstAt ?? finished) - started, totalMs: finished - started, outputTokens: result.outputTokens, promptTokens: result.promptTokensEvaluated, tokensPerSecond: result.tokensPerSecond });
    }
    return summary(samples);
  } finally {
    await host.dispose();
  }
}

export async function runServerBench(options: { log: (line: string) => void }): Promise<ServerFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'llama-review-bench-server-'));
  try {
    const modelPath = writeTinyModel(join(folder, 'tiny.gguf'), { shape: { ...tinyShape, contextLength: contextSize } });
    const prompt = await explainPromptForBench();
    options.log(`server: OpenAiProvider + llama-server (${llamaServerBinary()})`);
    const openAiServer = await row('server: OpenAiProvider + llama-server', options.log, {}, () => throughServer(modelPath, prompt));
    options.log('server: local child-process host');
    const childHost = await row('server: local child-process host', options.log, {}, () => throughChildHost(modelPath, prompt));
    return { model: "tiny (the unit tests' GGUF)", threads, runs, prompt: { tokens: prompt.promptTokens, maxTokens }, openAiServer, childHost };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
