// The shape of models.json: one entry per model, checked at load so a bad entry names itself.
import type { JsonSchema } from './jsonSchema';

export const modelTasks = ['explain', 'fix', 'review', 'docstring', 'triage'] as const;
export type ModelTask = (typeof modelTasks)[number];

/**
 * How a conversation is laid out in tokens. CodeLlama-Instruct needs the Llama-2 `[INST]` layout,
 * which node-llama-cpp does not pick for a file merely named "codellama"; `auto` reads the GGUF's
 * own chat template (for user models).
 */
export const chatFormats = ['llama2', 'chatml', 'phi3', 'zephyr', 'deepseek-coder', 'auto'] as const;
export type ChatFormat = (typeof chatFormats)[number];

/**
 * `large` models are used only for long or complex functions on machines where they fit;
 * `standard` models serve every request.
 */
export const modelTiers = ['standard', 'large'] as const;
export type ModelTier = (typeof modelTiers)[number];

export interface LoraAdapter {
  /** A LoRA adapter GGUF (e.g. a fine-tune exported with Unsloth or convert_lora_to_gguf). */
  path: string;
  scale?: number;
}

export interface CatalogModel {
  id: string;
  name: string;
  family: string;
  /** Parameter count in billions. */
  parametersBillions: number;
  quantization: string;
  fileName: string;
  /** `hf:owner/repo/file.gguf` or an https:// URL; absent for a local-only file. */
  uri?: string;
  /** A GGUF file on this machine; used instead of the models folder. */
  path?: string;
  sizeBytes: number;
  /** True when `sizeBytes` is an estimate: the store then checks the size the server reports instead. */
  sizeIsApproximate: boolean;
  /** Lower-case hex; null when unknown here, and then the download is not hash-checked. */
  sha256: string | null;
  contextLength: number;
  chatFormat: ChatFormat;
  /** Memory for the weights and compute buffers, before the context's KV cache. */
  ramBytes: number;
  vramBytes: number;
  /** KV cache bytes per context token (f16): 2 x layers x KV width x 2. */
  kvCacheBytesPerToken: number;
  tasks: ModelTask[];
  /** Position in the fallback chain; 1 is tried first. */
  fallbackOrder: number;
  tier: ModelTier;
  lora?: LoraAdapter;
}

/** A user entry may start from a catalog entry and change only what differs. */
export type UserModelEntry = Partial<CatalogModel> & { id: string; extends?: string };

const positiveInteger: JsonSchema = { type: 'integer', minimum: 1 };

export const catalogModelSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id', 'name', 'family', 'parametersBillions', 'quantization', 'fileName', 'sizeBytes', 'sizeIsApproximate',
    'sha256', 'contextLength', 'chatFormat', 'ramBytes', 'vramBytes', 'kvCacheBytesPerToken', 'tasks',
    'fallbackOrder', 'tier',
  ],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$', description: 'Stable, lower-case id used in settings.' },
    name: { type: 'string', minLength: 1 },
    family: { type: 'string', minLength: 1 },
    parametersBillions: { type: 'number', minimum: 0.01, maximum: 1000 },
    quantization: { type: 'string', pattern: '^[A-Za-z0-9_]+$' },
    fileName: { type: 'string', pattern: '^[^/\\\\]+\\.gguf$', description: 'File name in the models folder.' },
    // Plain http only on this machine (a local mirror): anything else must be https.
    uri: { type: 'string', pattern: '^(hf:[^/\\s]+/[^/\\s]+/\\S+\\.gguf|https://\\S+|http://(127\\.0\\.0\\.1|localhost)(:\\d+)?/\\S+)$' },
    path: { type: 'string', minLength: 1 },
    sizeBytes: positiveInteger,
    sizeIsApproximate: { type: 'boolean', description: 'True when sizeBytes is an estimate.' },
    sha256: { type: ['string', 'null'], pattern: '^[0-9a-f]{64}$' },
    contextLength: { type: 'integer', minimum: 256 },
    chatFormat: { type: 'string', enum: chatFormats },
    ramBytes: positiveInteger,
    vramBytes: positiveInteger,
    kvCacheBytesPerToken: positiveInteger,
    tasks: { type: 'array', items: { type: 'string', enum: modelTasks }, minItems: 1, uniqueItems: true },
    fallbackOrder: positiveInteger,
    tier: { type: 'string', enum: modelTiers },
    lora: {
      type: 'object',
      additionalProperties: false,
      required: ['path'],
      properties: { path: { type: 'string', minLength: 1 }, scale: { type: 'number', minimum: 0, maximum: 4 } },
    },
  },
};

export const catalogFileSchema: JsonSchema = {
  type: 'object',
  required: ['models'],
  properties: {
    $schema: { type: 'string' },
    description: { type: 'string' },
    // Entries are checked one by one so each error names its entry.
    models: { type: 'array', minItems: 1, items: { type: 'object' } },
  },
  additionalProperties: false,
};
