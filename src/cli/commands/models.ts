// `llama-review models list|fit|download|remove`: the local model catalog, which models suit this
// machine and why, and the models folder. Only `download` touches the network.
import type { CatalogModel, ModelTask } from '../../model/catalogSchema';
import { modelTasks } from '../../model/catalogSchema';
import type { DownloadProgress } from '../../model/download';
import { chooseThreadCount, describeMachine, formatGigabytes, osMachineProfile, type MachineProfile } from '../../model/hardware';
import { memoryBudget, selectModels, type Demand } from '../../model/select';
import { CatalogError } from '../../model/catalog';
import { environmentVariablesHelp, SettingsError, type ModelSettingsInput } from '../../model/settings';
import { createHost, modelParts, type ModelParts } from '../../model/setup';
import type { ModelStore } from '../../model/store';
import { describeServer } from '../../model/openai/serverDescription';
import { parseArgs, type ParsedArgs } from '../args';
import { listServerModels, writeServerModels } from '../serverModels';
import { exitCodes, UsageError, type CliIO } from '../io';

export const modelsUsage = `Usage: llama-review models <list|fit|download|remove> [options]

  list              the catalog: size, tasks, fallback order, and whether each model is downloaded;
                    with --base-url (or LLAMA_REVIEW_BASE_URL), the server's models too
  fit               which models suit this machine for a task, in the order they would be tried, and why
  download ID       download a model into the models folder (resumes a partial download)
  remove ID         delete a downloaded model

Options:
  --models-dir DIR  folder of GGUF files (default: $LLAMA_REVIEW_MODELS_DIR or the user cache folder)
  --catalog FILE    a catalog to use instead of the shipped models.json
  --task TASK       fit: explain, fix, review, docstring or triage (default: explain)
  --complex         fit: as for a long or complex function (large models become candidates)
  --prompt-tokens N fit: size of the prompt (default: 600)
  --json            list and fit: machine-readable output
  --base-url URL    list: an OpenAI-compatible server's API up to /v1, e.g. http://127.0.0.1:8080/v1

${environmentVariablesHelp}`;

const optionSpecs = {
  help: { kind: 'flag' },
  json: { kind: 'flag' },
  complex: { kind: 'flag' },
  'models-dir': { kind: 'value' },
  catalog: { kind: 'value' },
  task: { kind: 'value', choices: modelTasks },
  'prompt-tokens': { kind: 'value' },
  'base-url': { kind: 'value' },
} as const;

/** Settings and catalog mistakes are the user's to fix: report them as usage errors, not crashes. */
export function partsFrom(parsed: ParsedArgs, settings: ModelSettingsInput = {}): ModelParts {
  // Environment variables beat settings files, but an option on the command line beats both.
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (settings.server?.baseUrl) delete env.LLAMA_REVIEW_BASE_URL;
  if (settings.provider) delete env.LLAMA_REVIEW_PROVIDER;
  try {
    return modelParts({ settings: { ...settings, modelsFolder: parsed.values.get('models-dir') }, catalogFile: parsed.values.get('catalog'), env });
  } catch (error) {
    if (error instanceof SettingsError || error instanceof CatalogError) throw new UsageError(error.message);
    throw error;
  }
}

function modelArgument(parsed: ParsedArgs, parts: ModelParts, verb: string): CatalogModel {
  const id = parsed.positionals[1];
  if (!id) throw new UsageError(`"models ${verb}" needs a model id; "llama-review models list" shows them.`);
  if (!parts.catalog.get(id)) throw new UsageError(`Unknown model "${id}". Known models: ${parts.catalog.models.map((model) => model.id).join(', ')}.`);
  return parts.catalog.require(id);
}

async function listModels(parts: ModelParts, json: boolean, io: CliIO): Promise<number> {
  const rows = await Promise.all(
    parts.catalog.inFallbackOrder().map(async (model) => ({ model, status: await parts.store.status(model) })),
  );
  const server = parts.settings.server.baseUrl ? describeServer(parts.settings.server) : undefined;
  const listed = server && (await listServerModels(parts.settings));
  if (json) {
    const out = rows.map(({ model, status }) => ({ ...model, state: status.state, file: status.path, bytesOnDisk: status.bytes }));
    // Without a server the output stays the catalog array it always was; with one, both side by side.
    const document = server && listed ? { catalog: out, server: { baseUrl: parts.settings.server.baseUrl, ...listed } } : out;
    io.stdout.write(JSON.stringify(document, null, 2) + '\n');
    return exitCodes.clean;
  }
  io.stdout.write(`Models folder: ${parts.store.folder}\n\n`);
  const width = Math.max(...rows.map(({ model }) => model.id.length));
  for (const { model, status } of rows) {
    const size = `${model.sizeIsApproximate ? '~' : ''}${formatGigabytes(model.sizeBytes)}`;
    const tier = model.tier === 'large' ? ', large' : '';
    io.stdout.write(`  ${model.fallbackOrder}. ${model.id.padEnd(width)}  ${size.padStart(8)}  ${status.state.padEnd(10)}  ${model.tasks.join(', ')}${tier}\n`);
  }
  if (server && listed) writeServerModels(server.label, listed, io);
  return exitCodes.clean;
}

/** GPU facts need llama.cpp; when it cannot start, the OS facts still answer the question. */
async function probe(parts: ModelParts, io: CliIO): Promise<MachineProfile> {
  const host = createHost(parts.settings);
  try {
    return await host.describeMachine();
  } catch (error) {
    io.stderr.write(`llama-review: could not ask llama.cpp about the GPU (${(error as Error).message}); assuming none.\n`);
    return osMachineProfile();
  } finally {
    await host.dispose();
  }
}

async function fitModels(parts: ModelParts, parsed: ParsedArgs, io: CliIO): Promise<number> {
  const task = (parsed.values.get('task') ?? 'explain') as ModelTask;
  const promptTokens = Number(parsed.values.get('prompt-tokens') ?? 600);
  if (!Number.isInteger(promptTokens) || promptTokens <= 0) throw new UsageError(`--prompt-tokens must be a positive whole number; got "${parsed.values.get('prompt-tokens')}".`);
  const demand: Demand = { task, promptTokens, maxTokens: parts.settings.tasks[task].maxTokens, complex: parsed.flags.has('complex') };
  const machine = await probe(parts, io);
  const threads = chooseThreadCount(machine, parts.settings.threads);
  const preferred = parts.settings.tasks[task].model;
  const selection = selectModels({ catalog: parts.catalog, machine, demand, preferredModelId: preferred === 'auto' ? undefined : preferred, contextSetting: parts.settings.contextSize });
  const states = new Map(await Promise.all(parts.catalog.models.map(async (model) => [model.id, (await parts.store.status(model)).state] as const)));
  if (parsed.flags.has('json')) {
    const chain = selection.chain.map((candidate) => ({ id: candidate.model.id, placement: candidate.placement, contextSize: candidate.contextSize, needBytes: candidate.needBytes, reason: candidate.reason, state: states.get(candidate.model.id) }));
    const rejected = selection.rejected.map((rejection) => ({ id: rejection.model.id, reason: rejection.reason }));
    io.stdout.write(JSON.stringify({ machine, threads, budget: memoryBudget(machine), demand, chain, rejected }, null, 2) + '\n');
    return exitCodes.clean;
  }
  const budget = memoryBudget(machine);
  io.stdout.write(`This machine: ${describeMachine(machine)}\n`);
  io.stdout.write(`Threads: ${threads.threads} (${threads.reason})\n`);
  io.stdout.write(`Memory for a model: ${formatGigabytes(budget.ramBytes)} of RAM${budget.gpuBytes > 0 ? `, ${formatGigabytes(budget.gpuBytes)} on the GPU` : ''}\n\n`);
  const kind = demand.complex ? 'a long or complex function' : 'an ordinary function';
  io.stdout.write(`For "${task}" on ${kind} (about ${promptTokens} prompt tokens), tried in this order:\n`);
  if (selection.chain.length === 0) io.stdout.write('  (none: no model in the catalog fits this machine; parse-based review still works)\n');
  selection.chain.forEach((candidate, index) => {
    io.stdout.write(`  ${index + 1}. ${candidate.model.id} [${states.get(candidate.model.id)}]: ${candidate.reason}\n`);
  });
  if (selection.rejected.length > 0) {
    io.stdout.write('\nLeft out:\n');
    for (const rejection of selection.rejected) io.stdout.write(`  - ${rejection.model.id}: ${rejection.reason}\n`);
  }
  return exitCodes.clean;
}

function progressReporter(io: CliIO, model: CatalogModel): (progress: DownloadProgress) => void {
  let lastPercent = -1;
  return (progress) => {
    const total = progress.totalBytes ?? (model.sizeIsApproximate ? undefined : model.sizeBytes);
    if (total === undefined) return;
    const percent = Math.floor((progress.receivedBytes / total) * 100);
    // Whole steps of 5% keep logs short when stderr is not a terminal.
    if (percent === lastPercent || (percent % 5 !== 0 && percent !== 100)) return;
    lastPercent = percent;
    io.stderr.write(`  ${model.id}: ${percent}% (${formatGigabytes(progress.receivedBytes)} of ${formatGigabytes(total)})\n`);
  };
}

async function downloadModel(store: ModelStore, model: CatalogModel, io: CliIO): Promise<number> {
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  io.stderr.write(`Downloading ${model.id} into ${store.folder}${model.sha256 ? '' : ' (the catalog has no sha256 for it: only its size is checked)'}\n`);
  try {
    const path = await store.download(model, { signal: controller.signal, onProgress: progressReporter(io, model) });
    io.stdout.write(`${path}\n`);
    return exitCodes.clean;
  } catch (error) {
    io.stderr.write(`llama-review: ${(error as Error).message}\n`);
    return exitCodes.findings;
  } finally {
    process.off('SIGINT', cancel);
  }
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args, optionSpecs);
  const verb = parsed.positionals[0];
  if (parsed.flags.has('help')) {
    io.stdout.write(modelsUsage);
    return exitCodes.clean;
  }
  if (!verb) {
    io.stderr.write(modelsUsage);
    return exitCodes.usage;
  }
  const baseUrl = parsed.values.get('base-url')?.trim();
  const parts = partsFrom(parsed, baseUrl ? { server: { baseUrl } } : {});
  switch (verb) {
    case 'list':
      return listModels(parts, parsed.flags.has('json'), io);
    case 'fit':
      return fitModels(parts, parsed, io);
    case 'download':
      return downloadModel(parts.store, modelArgument(parsed, parts, 'download'), io);
    case 'remove': {
      const model = modelArgument(parsed, parts, 'remove');
      const removed = await parts.store.remove(model);
      io.stdout.write(removed ? `Removed ${model.id} from ${parts.store.folder}.\n` : `${model.id} is not downloaded; nothing to remove.\n`);
      return exitCodes.clean;
    }
    default:
      throw new UsageError(`Unknown models command "${verb}"; use list, fit, download or remove.`);
  }
}
