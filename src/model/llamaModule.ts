// node-llama-cpp is ESM-only: it is loaded with a real import() at run time (tsc with module
// node16 keeps the import(), and the esbuild bundle leaves the package external).
export type LlamaModule = typeof import('node-llama-cpp', { with: { 'resolution-mode': 'import' } });
export type {
  ChatWrapper,
  Llama,
  LlamaChatSession,
  LlamaContext,
  LlamaContextSequence,
  LlamaGrammar,
  LlamaLogLevel,
  LlamaModel,
} from 'node-llama-cpp' with { 'resolution-mode': 'import' };

let loading: Promise<LlamaModule> | undefined;

export function loadLlamaModule(): Promise<LlamaModule> {
  loading ??= import('node-llama-cpp');
  return loading;
}
