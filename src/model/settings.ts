// Model settings with "auto" defaults, per-task model/temperature/max tokens, and environment
// variables that override them for scripted use (CI, the CLI).
import type { ModelTask, UserModelEntry } from './catalogSchema';
import { modelTasks } from './catalogSchema';

export const gpuSettings = ['auto', 'metal', 'cuda', 'vulkan', 'off'] as const;
export type GpuSetting = (typeof gpuSettings)[number];

export interface TaskSettings {
  /** A catalog id, or `auto` to let selection pick for the machine. */
  model: string;
  temperature: number;
  maxTokens: number;
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
  },
  userModels: [],
};

export class SettingsError extends Error {
  override name = 'SettingsError';
}

export type ModelSettingsInput = Partial<Omit<ModelSettings, 'tasks'>> & { tasks?: Partial<Record<ModelTask, Partial<TaskSettings>>> };

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

function environmentOverrides(env: Environment): ModelSettingsInput {
  const overrides: ModelSettingsInput = { tasks: {} };
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
    const taskOverrides: Partial<TaskSettings> = {};
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
  const defined = Object.fromEntries(Object.entries(input).filter(([key, value]) => key !== 'tasks' && value !== undefined));
  return { ...base, ...defined, tasks };
}

/** Defaults, then the user's settings, then environment variables (which win). */
export function resolveModelSettings(input: ModelSettingsInput = {}, env: Environment = process.env): ModelSettings {
  return merge(merge(defaultModelSettings, input), environmentOverrides(env));
}

/** The documented environment variables, for help text. */
export const environmentVariablesHelp = `Environment variables (override settings):
  LLAMA_REVIEW_MODEL                 model id for every task (or auto)
  LLAMA_REVIEW_<TASK>_MODEL          model id for one task: EXPLAIN, FIX, REVIEW, DOCSTRING
  LLAMA_REVIEW_<TASK>_TEMPERATURE    sampling temperature, 0 to 2
  LLAMA_REVIEW_<TASK>_MAX_TOKENS     longest answer, in tokens
  LLAMA_REVIEW_THREADS               auto or a number (capped at the cores available)
  LLAMA_REVIEW_GPU                   auto, metal, cuda, vulkan or off
  LLAMA_REVIEW_CONTEXT_SIZE          auto (follows the prompt) or a number of tokens
  LLAMA_REVIEW_MODELS_DIR            folder of GGUF files
`;
