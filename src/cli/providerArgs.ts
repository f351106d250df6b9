// The options that point a model-backed command at a provider: `--provider local|openai`,
// `--base-url` for the server, and `--model`, which names a catalog model for the local provider
// and the server's model for `openai`. The API key is never an option (it would sit in the shell
// history and the process list): LLAMA_REVIEW_API_KEY.
import type { ModelTask } from '../model/catalogSchema';
import { providerKinds, type ProviderKind } from '../model/provider';
import type { ModelSettingsInput } from '../model/settings';
import type { ParsedArgs } from './args';
import { UsageError } from './io';

export const providerOptionSpecs = {
  provider: { kind: 'value', choices: providerKinds },
  'base-url': { kind: 'value' },
} as const;

export const providerOptionsHelp = `  --provider P        local (default) or openai: an OpenAI-compatible server (llama-server, Ollama, vLLM)
  --base-url URL      the server's API up to /v1, e.g. http://127.0.0.1:8080/v1 (or LLAMA_REVIEW_BASE_URL);
                      --base-url alone implies --provider openai. The key comes from LLAMA_REVIEW_API_KEY.`;

/** Settings for `task` from the provider options; `model` is the --model value, if any. */
export function providerSettings(parsed: ParsedArgs, task: ModelTask, model: string | undefined): ModelSettingsInput {
  const baseUrl = parsed.values.get('base-url')?.trim();
  if (baseUrl !== undefined) {
    try {
      const url = new URL(baseUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    } catch {
      throw new UsageError(`--base-url must be an http:// or https:// URL such as http://127.0.0.1:8080/v1; got "${baseUrl}".`);
    }
  }
  const provider = (parsed.values.get('provider') as ProviderKind | undefined) ?? (baseUrl ? 'openai' : undefined);
  const settings: ModelSettingsInput = {};
  if (provider) settings.provider = provider;
  if (baseUrl) settings.server = { baseUrl: baseUrl.replace(/\/+$/, '') };
  if (provider === 'openai' && model) settings.tasks = { [task]: { serverModel: model } };
  else if (model) settings.tasks = { [task]: { model } };
  return settings;
}
