// Measures generation speed with the tiny GGUF (not a test; run by hand after compiling tests):
//   node out-model/test/support/modelThroughput.js
// 1. Threads: 1, 2, ... up to the cores, and node-llama-cpp's own default, same prompt.
// 2. Hosts: the engine in process vs in a child process, at the chosen thread count.
import { availableCores, chooseThreadCount, osMachineProfile } from '../../src/model/hardware';
import { ChildProcessHost } from '../../src/model/childHost';
import { InProcessHost, type ModelHost } from '../../src/model/host';
import { loadLlamaModule } from '../../src/model/llamaModule';
import { loadRequestFor, ModelScratch, modelProcessScript } from './modelFixtures';

const prompt = 'Explain why eval() of user input is unsafe in this function, and how to fix it.';
const maxTokens = 200;
const runs = 5;
const runBudgetMs = 15_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Decoding tokens/s straight from node-llama-cpp; `threads` undefined = its default. */
async function rawTokensPerSecond(modelPath: string, threads: number | undefined): Promise<{ perSecond: number; used: number }> {
  const llamaCpp = await loadLlamaModule();
  const llama = await llamaCpp.getLlama({ gpu: false, build: 'never', logLevel: llamaCpp.LlamaLogLevel.error, ...(threads ? { maxThreads: threads } : {}) });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: 1024, ...(threads ? { threads } : {}) });
  const sequence = context.getSequence();
  const speeds: number[] = [];
  for (let run = 0; run < runs; run++) {
    const session = new llamaCpp.LlamaChatSession({ contextSequence: sequence, chatWrapper: new llamaCpp.Llama2ChatWrapper(), systemPrompt: 'You review Python.' });
    let first: number | undefined;
    let tokens = 0;
    // Oversubscribed threads can crawl at a few tokens/s: bound each run's time, not its length.
    const budget = AbortSignal.timeout(runBudgetMs);
    await session.prompt(prompt, { maxTokens, temperature: 0, signal: budget, stopOnAbortSignal: true, onToken: (chunk) => ((first ??= performance.now()), (tokens += chunk.length)) });
    speeds.push((tokens - 1) / ((performance.now() - first!) / 1000));
    session.dispose({ disposeSequence: false });
    await sequence.clearHistory();
  }
  const used = context.currentThreads;
  await llama.dispose();
  return { perSecond: median(speeds), used };
}

async function hostTokensPerSecond(host: ModelHost, modelPath: string): Promise<{ decode: number; endToEnd: number }> {
  await host.load(loadRequestFor(modelPath, { contextSize: 1024 }));
  const decode: number[] = [];
  const endToEnd: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    let chunks = 0;
    const result = await host.generate({ prompt, maxTokens, temperature: 0 }, { onText: () => chunks++ });
    decode.push(result.tokensPerSecond);
    endToEnd.push(result.outputTokens / ((performance.now() - started) / 1000));
  }
  await host.dispose();
  return { decode: median(decode), endToEnd: median(endToEnd) };
}

async function main(): Promise<void> {
  const scratch = new ModelScratch();
  try {
    const cores = availableCores();
    const chosen = chooseThreadCount(osMachineProfile(), 'auto');
    console.log(`cores available: ${cores}; chosen: ${chosen.threads} (${chosen.reason})`);
    for (const threads of [...Array.from({ length: cores }, (_, index) => index + 1), undefined]) {
      const { perSecond, used } = await rawTokensPerSecond(scratch.tinyModel, threads);
      console.log(`threads ${threads ?? `default (${used})`}: ${perSecond.toFixed(1)} tokens/s`);
    }
    const engine = { gpu: 'off' as const, threads: chosen.threads, idleUnloadMs: 0 };
    const inProcess = await hostTokensPerSecond(new InProcessHost(engine), scratch.tinyModel);
    const child = await hostTokensPerSecond(new ChildProcessHost({ scriptPath: modelProcessScript, engine }), scratch.tinyModel);
    console.log(`in process:    decode ${inProcess.decode.toFixed(1)} tokens/s, end to end ${inProcess.endToEnd.toFixed(1)} tokens/s`);
    console.log(`child process: decode ${child.decode.toFixed(1)} tokens/s, end to end ${child.endToEnd.toFixed(1)} tokens/s`);
    console.log(`child / in process (end to end): ${(child.endToEnd / inProcess.endToEnd).toFixed(2)}`);
  } finally {
    scratch.dispose();
  }
}

void main();
