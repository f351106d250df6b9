// Which model serves a request on this machine: it must fit RAM/VRAM together with a context
// sized to the prompt; long or complex functions may use a large model where one fits. The
// result is a fallback chain, tried in order when a model is missing or fails to load.
import type { Catalog } from './catalog';
import type { CatalogModel, ModelTask } from './catalogSchema';
import { formatGigabytes, type MachineProfile } from './hardware';

/** What a request needs. */
export interface Demand {
  task: ModelTask;
  /** Estimated prompt tokens (system prompt, code, question). */
  promptTokens: number;
  /** Longest answer allowed. */
  maxTokens: number;
  /** A long or complex function: a large model is worth its cost where it fits. */
  complex: boolean;
}

export type ContextTier = 'small' | 'medium' | 'large';

/** Context sizes follow the prompt: the KV cache costs memory for every token reserved. */
export const contextTiers: ReadonlyArray<{ tier: ContextTier; tokens: number }> = [
  { tier: 'small', tokens: 1024 },
  { tier: 'medium', tokens: 2048 },
  { tier: 'large', tokens: 4096 },
];

/** Room for the chat template and one or two short follow-up questions. */
const conversationHeadroomTokens = 256;

export interface ContextChoice {
  tokens: number;
  tier: ContextTier;
}

/** The smallest tier that holds prompt, answer and headroom; past the largest tier, the next multiple of 1024. */
export function contextSizeFor(demand: Demand, setting: 'auto' | number = 'auto'): ContextChoice {
  if (setting !== 'auto') return { tokens: setting, tier: setting <= 1024 ? 'small' : setting <= 2048 ? 'medium' : 'large' };
  const needed = demand.promptTokens + demand.maxTokens + conversationHeadroomTokens;
  const fitting = contextTiers.find((tier) => tier.tokens >= needed);
  return fitting ? { tokens: fitting.tokens, tier: fitting.tier } : { tokens: Math.ceil(needed / 1024) * 1024, tier: 'large' };
}

export type Placement = 'gpu' | 'split' | 'cpu';

export interface MemoryBudget {
  /** RAM a model may use, after leaving room for the OS, the editor and other programs. */
  ramBytes: number;
  /** Memory the GPU may use: most of dedicated VRAM, or the GPU's working set of unified memory. */
  gpuBytes: number;
}

const gibibyte = 1024 ** 3;

export function memoryBudget(machine: MachineProfile): MemoryBudget {
  const reserve = Math.max(1.5 * gibibyte, machine.totalRamBytes * 0.25);
  const ramBytes = Math.max(0, machine.totalRamBytes - reserve);
  let gpuBytes = 0;
  if (machine.gpu.type !== 'none') {
    // macOS lets the GPU wire about two thirds of unified memory; dedicated VRAM keeps a 10% pad.
    gpuBytes = machine.gpu.unifiedMemory ? Math.min(ramBytes, machine.totalRamBytes * (2 / 3)) : machine.gpu.vramBytes * 0.9;
  }
  return { ramBytes, gpuBytes };
}

export interface Fit {
  placement: Placement;
  /** Bytes the model and its context need in that placement. */
  needBytes: number;
}

export function kvCacheBytes(model: CatalogModel, contextTokens: number): number {
  return model.kvCacheBytesPerToken * contextTokens;
}

/** Memory the model and its context need on the CPU alone: what "too large" is measured against. */
export function cpuNeedBytes(model: CatalogModel, contextTokens: number): number {
  return model.ramBytes + kvCacheBytes(model, contextTokens);
}

/** Where the model runs with this context, or undefined when it does not fit. */
export function placeModel(model: CatalogModel, contextTokens: number, machine: MachineProfile): Fit | undefined {
  const budget = memoryBudget(machine);
  const gpuNeed = model.vramBytes + kvCacheBytes(model, contextTokens);
  const cpuNeed = cpuNeedBytes(model, contextTokens);
  if (budget.gpuBytes > 0 && gpuNeed <= budget.gpuBytes) return { placement: 'gpu', needBytes: gpuNeed };
  // Dedicated VRAM can hold some layers while RAM holds the rest; unified memory cannot split.
  if (budget.gpuBytes > 0 && !machine.gpu.unifiedMemory && gpuNeed <= budget.gpuBytes + budget.ramBytes) {
    return { placement: 'split', needBytes: gpuNeed };
  }
  if (cpuNeed <= budget.ramBytes) return { placement: 'cpu', needBytes: cpuNeed };
  return undefined;
}

/** Large models on the CPU alone run at a token or two per second: not worth it above this size. */
const largestCpuOnlyUpgradeBillions = 13;

export interface Candidate {
  model: CatalogModel;
  contextSize: number;
  contextTier: ContextTier;
  placement: Placement;
  needBytes: number;
  /** Why it is in the chain, for `models fit` and logs. */
  reason: string;
}

export interface Rejection {
  model: CatalogModel;
  reason: string;
}

export interface Selection {
  chain: Candidate[];
  rejected: Rejection[];
}

export interface SelectOptions {
  catalog: Catalog;
  machine: MachineProfile;
  demand: Demand;
  /** A per-task setting or environment override: tried first when it fits. */
  preferredModelId?: string;
  contextSetting?: 'auto' | number;
}

function unfitReason(model: CatalogModel, contextTokens: number, machine: MachineProfile): string {
  const budget = memoryBudget(machine);
  const need = cpuNeedBytes(model, contextTokens);
  const gpu = budget.gpuBytes > 0 ? ` and ${formatGigabytes(budget.gpuBytes)} for the GPU` : '';
  return `needs about ${formatGigabytes(need)} with a ${contextTokens}-token context; this machine can give ${formatGigabytes(budget.ramBytes)} of RAM${gpu}`;
}

function placementText(fit: Fit): string {
  const where = { gpu: 'on the GPU', split: 'split between GPU and CPU', cpu: 'on the CPU' }[fit.placement];
  return `fits ${where} (about ${formatGigabytes(fit.needBytes)})`;
}

/** Judges one model for the demand: a candidate, or a rejection with its reason. */
export function judgeModel(model: CatalogModel, options: SelectOptions): Candidate | Rejection {
  const { demand, machine } = options;
  const preferred = model.id === options.preferredModelId;
  if (!model.tasks.includes(demand.task)) return { model, reason: `not meant for "${demand.task}" (suits ${model.tasks.join(', ')})` };
  if (model.tier === 'large' && !demand.complex && !preferred) return { model, reason: 'kept for long or complex functions' };
  const context = contextSizeFor(demand, options.contextSetting);
  if (context.tokens > model.contextLength) {
    return { model, reason: `the request needs a ${context.tokens}-token context; the model holds ${model.contextLength}` };
  }
  const fit = placeModel(model, context.tokens, machine);
  if (!fit) return { model, reason: unfitReason(model, context.tokens, machine) };
  if (model.tier === 'large' && fit.placement === 'cpu' && model.parametersBillions > largestCpuOnlyUpgradeBillions && !preferred) {
    return { model, reason: `too slow without a GPU (${model.parametersBillions}B parameters on the CPU)` };
  }
  const why = preferred ? 'chosen in the settings; ' : model.tier === 'large' ? 'a larger model for a complex function; ' : '';
  return {
    model,
    contextSize: context.tokens,
    contextTier: context.tier,
    placement: fit.placement,
    needBytes: fit.needBytes,
    reason: `${why}${placementText(fit)} with a ${context.tier} context (${context.tokens} tokens)`,
  };
}

function isCandidate(judgement: Candidate | Rejection): judgement is Candidate {
  return 'placement' in judgement;
}

/**
 * The fallback chain for a demand: the preferred model (when set and fitting), then, for
 * complex functions, the large models, then the standard ones, each group in catalog fallback
 * order (the shipped catalog lists the largest first). Every model left out is listed with its reason.
 */
export function selectModels(options: SelectOptions): Selection {
  const chain: Candidate[] = [];
  const rejected: Rejection[] = [];
  const ordered = options.catalog.inFallbackOrder();
  const preferred = options.preferredModelId && options.preferredModelId !== 'auto' ? options.catalog.require(options.preferredModelId) : undefined;
  const byPriority = [
    ...(preferred ? [preferred] : []),
    ...ordered.filter((model) => model !== preferred && model.tier === 'large'),
    ...ordered.filter((model) => model !== preferred && model.tier !== 'large'),
  ];
  for (const model of byPriority) {
    const judgement = judgeModel(model, options);
    if (isCandidate(judgement)) chain.push(judgement);
    else rejected.push(judgement);
  }
  return { chain, rejected };
}
