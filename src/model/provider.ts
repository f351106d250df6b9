// The seam between what asks a model (chat, fixes, reviews, the CLI) and what answers: the local
// model in a child process, or an OpenAI-compatible server a team runs. A provider gets the whole
// conversation each time, so nothing it forgets (an idle unload, a restart) loses the code.
import type { GenerateOptions, GenerateResult, LoadOptions } from './requests';
import type { JsonSchema } from './jsonSchema';
import type { PromptParts } from './prompts';

export const providerKinds = ['local', 'openai'] as const;
export type ProviderKind = (typeof providerKinds)[number];

/** An earlier turn of a conversation, oldest first; the newest question is the prompt itself. */
export interface TranscriptTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface ProviderRequest {
  /** The task, the system prompt and the newest user message. */
  prompt: PromptParts;
  /** The turns before `prompt.prompt`, already trimmed to fit (see transcript.ts). */
  history?: readonly TranscriptTurn[];
  /** A hint only: the local engine keeps this conversation's evaluated tokens for reuse. */
  conversationId?: string;
  jsonSchema?: JsonSchema;
}

/** Which model a request went to: 'loading' before its load starts, 'loaded' once it can answer. */
export type ModelPhaseListener = (modelId: string, phase: 'loading' | 'loaded') => void;

export interface ProviderAskOptions extends GenerateOptions {
  onLoadProgress?: LoadOptions['onProgress'];
  /** The status bar names the model that actually answers, not the one expected. */
  onModel?: ModelPhaseListener;
  /** Another provider starts over: text already streamed came from the one that failed and should be cleared. */
  onFallback?: (from: ProviderDescription, reason: string) => void;
}

/** What the user is told about where a request goes. */
export interface ProviderDescription {
  kind: ProviderKind;
  /** For people: "local model" or "OpenAI-compatible server at gpu-box:8080". */
  label: string;
  /** false only when every byte stays on this machine (the local model, or a server on loopback). */
  codeLeavesMachine: boolean;
  /** A server's `host:port`, for short notes such as "model at gpu-box:8080". */
  host?: string;
}

export interface ModelProvider {
  describe(): ProviderDescription;
  ask(request: ProviderRequest, options?: ProviderAskOptions): Promise<GenerateResult>;
  /** Drops what the provider keeps for a conversation (the local engine's context); a no-op elsewhere. */
  endConversation(conversationId: string): Promise<void>;
  dispose(): Promise<void>;
}
