// The options that choose and limit the model of a model-backed command (explain, triage): a
// catalog model or a GGUF file, the provider, the folders, the answer's length and the threads.
import { CatalogError, localFileEntry } from '../model/catalog';
import { chatFormats, type ChatFormat, type ModelTask } from '../model/catalogSchema';
import type { ModelParts } from '../model/setup';
import type { ParsedArgs } from './args';
import { partsFrom } from './commands/models';
import { UsageError } from './io';
import { providerOptionSpecs, providerOptionsHelp, providerSettings } from './providerArgs';

export const modelOptionSpecs = {
  model: { kind: 'value' },
  'model-file': { kind: 'value' },
  'chat-format': { kind: 'value', choices: chatFormats },
  'models-dir': { kind: 'value' },
  catalog: { kind: 'value' },
  'max-tokens': { kind: 'value' },
  threads: { kind: 'value' },
  ...providerOptionSpecs,
} as const;

export function modelOptionsHelp(defaultMaxTokens: number): string {
  return `  --model ID          a catalog model (default: the best one for this machine that is downloaded);
                      with --provider openai, the server's model (default: the first it lists)
${providerOptionsHelp}
  --model-file PATH   a GGUF file to use instead of the catalog
  --chat-format F     its chat format: ${chatFormats.join(', ')} (default: auto)
  --models-dir DIR    folder of GGUF files
  --catalog FILE      a catalog to use instead of the shipped models.json
  --max-tokens N      longest answer (default: ${defaultMaxTokens})
  --threads N         generation threads (default: auto, never more than the cores)`;
}

export function positiveInteger(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new UsageError(`--${option} must be a positive whole number; got "${value}".`);
  return number;
}

/** The model parts for `task` as the options set them; their mistakes are usage errors. */
export function modelPartsFromArgs(parsed: ParsedArgs, task: ModelTask): ModelParts {
  const maxTokens = positiveInteger(parsed.values.get('max-tokens'), 'max-tokens');
  const threads = positiveInteger(parsed.values.get('threads'), 'threads');
  const modelFile = parsed.values.get('model-file');
  let localModel;
  try {
    localModel = modelFile ? localFileEntry(modelFile, (parsed.values.get('chat-format') ?? 'auto') as ChatFormat) : undefined;
  } catch (error) {
    if (error instanceof CatalogError) throw new UsageError(error.message);
    throw error;
  }
  const chosen = providerSettings(parsed, task, localModel?.id ?? parsed.values.get('model'));
  return partsFrom(parsed, {
    ...chosen,
    threads,
    userModels: localModel ? [localModel] : [],
    tasks: { [task]: { ...chosen.tasks?.[task], ...(maxTokens ? { maxTokens } : {}) } },
  });
}

/** The way forward when no model could answer: the first standard catalog model to download. */
export function downloadSuggestion(parts: ModelParts): string | undefined {
  const suggestion = parts.catalog.inFallbackOrder().find((model) => model.tier === 'standard' && model.uri);
  return suggestion && `Download one with: llama-review models download ${suggestion.id}  (or see: llama-review models fit)`;
}
