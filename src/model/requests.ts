// What a model host is asked to do, and what it answers. Plain data, so the same shapes cross
// the child-process boundary unchanged.
import type { ChatFormat, LoraAdapter } from './catalogSchema';
import type { JsonSchema } from './jsonSchema';
import type { TranscriptTurn } from './provider';
import type { GpuSetting } from './settings';

export interface EngineOptions {
  gpu: GpuSetting;
  /** Threads for generation; chosen with chooseThreadCount, never above the cores available. */
  threads: number;
  /** Unload the model after this long without requests; 0 keeps it loaded. */
  idleUnloadMs: number;
}

export interface LoadRequest {
  modelId: string;
  path: string;
  chatFormat: ChatFormat;
  lora?: LoraAdapter;
  /** Context size for new conversations unless a request asks for another. */
  contextSize: number;
  /** `auto` lets llama.cpp fit layers into VRAM; 0 keeps everything on the CPU. */
  gpuLayers: 'auto' | number;
}

export interface LoadedModelInfo {
  modelId: string;
  path: string;
  /** Layers placed on the GPU. */
  gpuLayers: number;
  /** The chat format in use, e.g. "Llama2Chat". */
  chatWrapper: string;
  loadMs: number;
}

export interface GenerateRequest {
  /** Requests with the same id continue one conversation and reuse its evaluated prompt prefix. */
  conversationId?: string;
  systemPrompt?: string;
  /** The conversation so far, oldest first; the engine replays it when its own copy is gone or differs. */
  history?: readonly TranscriptTurn[];
  prompt: string;
  temperature?: number;
  maxTokens?: number;
  /** Context size if this request starts a conversation. */
  contextSize?: number;
  /** Constrain the answer to JSON of this schema; the parsed value is checked against it. */
  jsonSchema?: JsonSchema;
  seed?: number;
}

export interface GenerateResult {
  modelId: string;
  text: string;
  /** The parsed and validated answer when a JSON schema was given. */
  json?: unknown;
  /** Prompt tokens actually evaluated: a follow-up reuses the conversation's prefix. */
  promptTokensEvaluated: number;
  outputTokens: number;
  /** Tokens now held by the conversation's context. */
  contextTokens: number;
  /** Prompt evaluation until the first answer token. */
  timeToFirstTokenMs: number;
  generationMs: number;
  /** Decoding speed after the first token. */
  tokensPerSecond: number;
  /** The answer stopped at maxTokens rather than at its natural end. */
  truncated: boolean;
}

export interface LoadOptions {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface GenerateOptions {
  onText?: (text: string) => void;
  signal?: AbortSignal;
}
