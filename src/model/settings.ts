// Model settings with "auto" defaults, per-task model/temperature/max tokens, and environment
// variables that override them for scripted use (CI, the CLI).
import type { ModelTask, UserModelEntry } from './catalogSchema';
import { modelTasks } from './catalogSchema';
import { providerKinds, type ProviderKind } from './provider';

export const gpuSettings = ['auto', 'metal', 'cuda', 'vulkan', 'off'] as const;
export type GpuSetting = (typeof gpuSettings)[number];

export interface TaskSettings {
  /** A catalog id, or `auto` to let selection pick for the machine. */
  model: string;
  temperature: number;
  maxTokens: number;
  /** Who answers this task; undefined = the settings' `provider`. */
  provider?: ProviderKind;
  /** The server's model for this task; undefined = the server's `model`. */
  serverModel?: string;
}

/** An OpenAI-compatible server (llama-server, Ollama, vLLM, LM Studio). */
export interface ServerSettings {
  /** Up to and including `/v1`, e.g. `http://127.0.0.1:8080/v1`; empty = none configured. */
  baseUrl: string;
  /** The server's model name; empty = the first model the server lists. */
  model: string;
  /** Sent with every request (a proxy's routing header); never logged. */
  headers: Record<string, string>;
  /** Bearer token. Never read from settings files: SecretStorage in the editor, LLAMA_REVIEW_API_KEY in the CLI. */
  apiKey?: string;
  /** Longest wait for the server to accept the connection and send the response head. */
  connectTimeoutMs: number;
  /** Longest silence inside a streamed answer before it counts as stalled. */
  stallTimeoutMs: number;
  /** Retries of a 429 or 503 answer, with backoff (Retry-After when the server sends it). */
  maxRetries: number;
  /** Requests sent at once by batch work (triage); the local model always takes one at a time. */
  concurrency: number;
}

export interface ModelSettings {
  gpu: GpuSetting;
  threads: 'auto' | number;
  /** `auto` sizes the context to the prompt; a number fixes it. */
  contextSize: 'auto' | number;
  /** Where GGUF files live; undefined = the caller's default (the extension's global storage). */
  modelsFolder?: string;
  /** Unload the model after this long without requests; 0 keeps it loaded. */
  idleUnloadSeconds: number;
  tasks: Record<ModelTask, TaskSettings>;
  /** Extra catalog entries: new models, local GGUF files, LoRA adapters. */
  userModels: UserModelEntry[];
  /** Who answers tasks that do not name their own provider. */
  provider: ProviderKind;
  server: ServerSettings;
  /** A server that cannot be reached falls back to the local model (`local`) or to parse-only review (`none`). */
  fallback: 'local' | 'none';
  /** Log prompt text and answers of provider requests (never keys or headers). */
  logPrompts: boolean;
}

export const defaultModelSettings: ModelSettings = {
  gpu: 'auto',
  threads: 'auto',
  contextSize: 'auto',
  idleUnloadSeconds: 300,
  tasks: {
    explain: { model: 'auto', temperature: 0.2, maxTokens: 512 },
    fix: { model: 'auto', temperature: 0.1, maxTokens: 768 },
    review: { model: 'auto', temperature: 0.1, maxTokens: 1024 },
    docstring: { model: 'auto', temperature: 0.2, maxTokens: 256 },
    // A verdict is a short JSON answer; a low temperature keeps repeated runs agreeing.
    triage: { model: 'auto', temperature: 0.1, maxTokens: 256 },
  },
  userModels: [],
  provider: 'local',
  server: { baseUrl: '', model: '', headers: {}, connectTimeoutMs: 10_000, stallTimeoutMs: 60_000, maxRetries: 2, concurrency: 2 },
  fallback: 'local',
  logPrompts: false,
};

export class SettingsError extends Error {
  override name = 'SettingsError';
}

export type ModelSettingsInput = Partial<Omit<ModelSettings, 'tasks' | 'server'>> & {
  tasks?: Partial<Record<ModelTask, Partial<TaskSettings>>>;
  server?: Partial<ServerSettings>;
};

type Environment = Readonly<Record<string, string | undefined>>;

function readNumber(env: Environment, name: string, options: { integer: boolean; min: number; max: number }): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const value = Number(text);
  const kind = options.integer ? 'a whole number' : 'a number';
  if (!Number.isFinite(value) || (options.integer && !Number.isInteger(value)) || value < options.min || value > options.max) {
    throw new SettingsError(`${name} must be ${kind} from ${options.min} to ${options.max}; got "${text}".`);
  }
  return value;
}

function readAutoOrInteger(env: Environment, name: string, min: number, max: number): 'auto' | number | undefined {
  if (env[name]?.trim().toLowerCase() === 'auto') return 'auto';
  return readNumber(env, name, { integer: true, min, max });
}

function readProvider(env: Environment, name: string): ProviderKind | undefined {
  const text = env[name]?.trim().toLowerCase();
  if (!text) return undefined;
  if (!(providerKinds as readonly string[]).includes(text)) throw new SettingsError(`${name} must be one of ${providerKinds.join(', ')}; got "${text}".`);
  return text as ProviderKind;
}

function serverOverrides(env: Environment): Partial<ServerSettings> {
  const server: Partial<ServerSettings> = {};
  if (env.LLAMA_REVIEW_BASE_URL?.trim()) server.baseUrl = env.LLAMA_REVIEW_BASE_URL.trim();
  if (env.LLAMA_REVIEW_SERVER_MODEL?.trim()) server.model = env.LLAMA_REVIEW_SERVER_MODEL.trim();
  if (env.LLAMA_REVIEW_API_KEY?.trim()) server.apiKey = env.LLAMA_REVIEW_API_KEY.trim();
  return server;
}

function environmentOverrides(env: Environment): ModelSettingsInput {
  const overrides: ModelSettingsInput = { tasks: {}, server: serverOverrides(env), provider: readProvider(env, 'LLAMA_REVIEW_PROVIDER') };
  const gpu = env.LLAMA_REVIEW_GPU?.trim().toLowerCase();
  if (gpu) {
    if (!(gpuSettings as readonly string[]).includes(gpu)) {
      throw new SettingsError(`LLAMA_REVIEW_GPU must be one of ${gpuSettings.join(', ')}; got "${gpu}".`);
    }
    overrides.gpu = gpu as GpuSetting;
  }
  const threads = readAutoOrInteger(env, 'LLAMA_REVIEW_THREADS', 1, 1024);
  if (threads !== undefined) overrides.threads = threads;
  const contextSize = readAutoOrInteger(env, 'LLAMA_REVIEW_CONTEXT_SIZE', 256, 1_048_576);
  if (contextSize !== undefined) overrides.contextSize = contextSize;
  if (env.LLAMA_REVIEW_MODELS_DIR?.trim()) overrides.modelsFolder = env.LLAMA_REVIEW_MODELS_DIR.trim();
  for (const task of modelTasks) {
    const prefix = `LLAMA_REVIEW_${task.toUpperCase()}_`;
    const model = env[`${prefix}MODEL`]?.trim() || env.LLAMA_REVIEW_MODEL?.trim();
    const temperature = readNumber(env, `${prefix}TEMPERATURE`, { integer: false, min: 0, max: 2 });
    const maxTokens = readNumber(env, `${prefix}MAX_TOKENS`, { integer: true, min: 1, max: 32768 });
    const provider = readProvider(env, `${prefix}PROVIDER`);
    const taskOverrides: Partial<TaskSettings> = {};
    if (provider) taskOverrides.provider = provider;
    if (model) taskOverrides.model = model;
    if (temperature !== undefined) taskOverrides.temperature = temperature;
    if (maxTokens !== undefined) taskOverrides.maxTokens = maxTokens;
    overrides.tasks![task] = taskOverrides;
  }
  return overrides;
}

function merge(base: ModelSettings, input: ModelSettingsInput): ModelSettings {
  const tasks = { ...base.tasks };
  for (const task of modelTasks) tasks[task] = { ...base.tasks[task], ...input.tasks?.[task] };
  const defined = Object.fromEntries(Object.entries(input).filter(([key, value]) => key !== 'tasks' && key !== 'server' && value !== undefined));
  const server = { ...base.server, ...Object.fromEntries(Object.entries(input.server ?? {}).filter(([, value]) => value !== undefined)) };
  return { ...base, ...defined, tasks, server };
}

/** Defaults, then the user's settings, then environment variables (which win). */
export function resolveModelSettings(input: ModelSettingsInput = {}, env: Environment = process.env): ModelSettings {
  return merge(merge(defaultModelSettings, input), environmentOverrides(env));
}

/** The documented environment variables, for help text. */
export const environmentVariablesHelp = `Environment variables (override settings):
  LLAMA_REVIEW_MODEL                 model id for every task (or auto)
  LLAMA_REVIEW_<TASK>_MODEL          model id for one task: EXPLAIN, FIX, REVIEW, DOCSTRING, TRIAGE
  LLAMA_REVIEW_<TASK>_TEMPERATURE    sampling temperature, 0 to 2
  LLAMA_REVIEW_<TASK>_MAX_TOKENS     longest answer, in tokens
  LLAMA_REVIEW_THREADS               auto or a number (capped at the cores available)
  LLAMA_REVIEW_GPU                   auto, metal, cuda, vulkan or off
  LLAMA_REVIEW_CONTEXT_SIZE          auto (follows the prompt) or a number of tokens
  LLAMA_REVIEW_MODELS_DIR            folder of GGUF files
  LLAMA_REVIEW_PROVIDER              local or openai (an OpenAI-compatible server)
  LLAMA_REVIEW_<TASK>_PROVIDER       local or openai for one task
  LLAMA_REVIEW_BASE_URL              the server's URL up to /v1, e.g. http://127.0.0.1:8080/v1
  LLAMA_REVIEW_SERVER_MODEL          the server's model name (default: the first it lists)
  LLAMA_REVIEW_API_KEY               the server's API key (sent as a Bearer token)
`;
