// `models list --base-url URL` (or LLAMA_REVIEW_BASE_URL): the models a team's OpenAI-compatible
// server offers, after the local catalog, so `--model` for the server can be chosen from them.
import { errorMessage } from '../model/errors';
import { OpenAiProvider } from '../model/openai/openAiProvider';
import type { ModelSettings } from '../model/settings';
import type { CliIO } from './io';

/** The server's model ids, or the reason they could not be listed. */
export async function listServerModels(settings: ModelSettings): Promise<{ models: string[] } | { problem: string }> {
  const provider = new OpenAiProvider(settings);
  try {
    return { models: await provider.listModels(AbortSignal.timeout(settings.server.connectTimeoutMs + settings.server.stallTimeoutMs)) };
  } catch (error) {
    return { problem: errorMessage(error).split('\n')[0] };
  } finally {
    await provider.dispose();
  }
}

export function writeServerModels(label: string, listed: Awaited<ReturnType<typeof listServerModels>>, io: CliIO): void {
  io.stdout.write(`\n${label}:\n`);
  if ('problem' in listed) io.stdout.write(`  (cannot list its models: ${listed.problem})\n`);
  else if (listed.models.length === 0) io.stdout.write('  (it lists no models)\n');
  else for (const id of listed.models) io.stdout.write(`  ${id}\n`);
}
