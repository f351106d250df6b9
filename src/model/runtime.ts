// The model room's front door: given a prompt for a task, pick the model for this machine, load
// the first one of the fallback chain that works, and ask it. Nothing is downloaded here; a
// missing model is a step in the chain, and the end of the chain is NoModelAvailableError.
import type { Catalog } from './catalog';
import { errorMessage, ModelError, NoModelAvailableError, type FallbackAttempt } from './errors';
import { loadFirstAvailable, type FallbackOutcome } from './fallback';
import { chooseThreadCount, osMachineProfile, type MachineProfile } from './hardware';
import type { ModelHost } from './host';
import type { JsonSchema } from './jsonSchema';
import type { PromptParts } from './prompts';
import type { ModelPhaseListener, ProviderAskOptions, ProviderRequest } from './provider';
import type { EngineOptions, GenerateResult, LoadOptions } from './requests';
import { transcriptTokens } from './transcript';
import { selectModels, type Candidate, type Demand, type Selection } from './select';
import type { ModelSettings } from './settings';
import type { ModelStore } from './store';

/** Engine options from settings: the thread count chosen for this machine's cores. */
export function engineOptionsFor(settings: ModelSettings, machine: Pick<MachineProfile, 'cores' | 'mathCores'> = osMachineProfile()): EngineOptions {
  return {
    gpu: settings.gpu,
    threads: chooseThreadCount(machine, settings.threads).threads,
    idleUnloadMs: settings.idleUnloadSeconds * 1000,
  };
}

export interface RuntimeParts {
  host: ModelHost;
  catalog: Catalog;
  store: ModelStore;
  settings: ModelSettings;
}

export interface AskOptions extends ProviderAskOptions {
  conversationId?: string;
  history?: ProviderRequest['history'];
  jsonSchema?: JsonSchema;
}

export class ModelRuntime {
  private machine?: Promise<MachineProfile>;
  /** Models that failed this session (bad file, out of memory): skipped until reset(). */
  private readonly failed = new Map<string, string>();

  constructor(private readonly parts: RuntimeParts) {}

  machineProfile(): Promise<MachineProfile> {
    if (!this.machine) {
      this.machine = this.parts.host.describeMachine();
      this.machine.catch(() => (this.machine = undefined));
    }
    return this.machine;
  }

  async select(demand: Demand): Promise<Selection> {
    const preferred = this.parts.settings.tasks[demand.task].model;
    const selection = selectModels({
      catalog: this.parts.catalog,
      machine: await this.machineProfile(),
      demand,
      preferredModelId: preferred === 'auto' ? undefined : preferred,
      contextSetting: this.parts.settings.contextSize,
    });
    const chain = selection.chain.filter((candidate) => !this.failed.has(candidate.model.id));
    const skipped = selection.chain.filter((candidate) => this.failed.has(candidate.model.id));
    return { chain, rejected: [...skipped.map((candidate) => ({ model: candidate.model, reason: this.failed.get(candidate.model.id)! })), ...selection.rejected] };
  }

  /** Loads the first workable model for the demand. */
  async prepare(demand: Demand, options: LoadOptions = {}, onModel?: ModelPhaseListener): Promise<FallbackOutcome> {
    const { host, store, settings } = this.parts;
    const remember = (attempts: readonly FallbackAttempt[]) => {
      for (const attempt of attempts) if (attempt.stage === 'failed') this.failed.set(attempt.modelId, attempt.reason);
    };
    const outcome = await loadFirstAvailable(await this.select(demand), {
      locate: (model) => store.locate(model),
      load: async (candidate: Candidate, path: string) => {
        onModel?.(candidate.model.id, 'loading');
        const info = await host.load(
          {
            modelId: candidate.model.id,
            path,
            chatFormat: candidate.model.chatFormat,
            lora: candidate.model.lora,
            contextSize: candidate.contextSize,
            gpuLayers: settings.gpu === 'off' || candidate.placement === 'cpu' ? 0 : 'auto',
          },
          options,
        );
        onModel?.(candidate.model.id, 'loaded');
        return info;
      },
    }).catch((error: unknown) => {
      if (error instanceof NoModelAvailableError) remember(error.attempts);
      throw error;
    });
    remember(outcome.attempts);
    return outcome;
  }

  /** Asks the task's model; running out of memory while answering moves on to the next model once. */
  async ask(prompt: PromptParts, options: AskOptions = {}): Promise<GenerateResult & { outcome: FallbackOutcome }> {
    const taskSettings = this.parts.settings.tasks[prompt.task];
    // The context must hold the history replayed before the prompt, too.
    const promptTokens = prompt.promptTokens + transcriptTokens(options.history ?? []);
    const demand: Demand = { task: prompt.task, promptTokens, maxTokens: taskSettings.maxTokens, complex: prompt.complex };
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.prepare(demand, { signal: options.signal, onProgress: options.onLoadProgress }, options.onModel);
      try {
        const result = await this.parts.host.generate(
          {
            conversationId: options.conversationId,
            systemPrompt: prompt.systemPrompt,
            history: options.history,
            prompt: prompt.prompt,
            temperature: taskSettings.temperature,
            maxTokens: taskSettings.maxTokens,
            contextSize: outcome.candidate.contextSize,
            jsonSchema: options.jsonSchema,
          },
          options,
        );
        return { ...result, outcome };
      } catch (error) {
        if (error instanceof ModelError && error.kind === 'invalid-output') error.modelId ??= outcome.candidate.model.id;
        if (!(error instanceof ModelError) || error.kind !== 'out-of-memory' || attempt > 0) throw error;
        this.failed.set(outcome.candidate.model.id, errorMessage(error));
      }
    }
  }

  /** Forget failures (after settings change or a new download). */
  reset(): void {
    this.failed.clear();
    this.machine = undefined;
  }
}
