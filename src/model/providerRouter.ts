// Routes each task to its provider (settings: `provider`, per task `provider`) and crosses
// providers on the way down the fallback chain: a team server that cannot be reached hands the
// request to the local model, whose own chain ends in parse-only review with one clear message.
import type { ModelTask } from './catalogSchema';
import { errorMessage, isAbortError, ModelError, NoModelAvailableError } from './errors';
import type { ModelProvider, ProviderAskOptions, ProviderDescription, ProviderKind, ProviderRequest } from './provider';
import type { GenerateResult } from './requests';
import type { ModelSettings } from './settings';

export interface ProviderAnswer extends GenerateResult {
  /** Who answered. */
  provider: ProviderDescription;
  /** Set when the task's own provider failed and another answered. */
  fellBack?: { from: ProviderDescription; reason: string };
}

export type ProviderFactory = (kind: ProviderKind) => ModelProvider;

/** Who answers `task`: its own provider setting, else the settings' default. */
export function providerKindFor(settings: Pick<ModelSettings, 'provider' | 'tasks'>, task: ModelTask): ProviderKind {
  return settings.tasks[task].provider ?? settings.provider;
}

export class ProviderRouter {
  private readonly started = new Map<ProviderKind, ModelProvider>();

  constructor(
    private readonly settings: Pick<ModelSettings, 'provider' | 'fallback' | 'tasks'>,
    private readonly create: ProviderFactory,
  ) {}

  kindFor(task: ModelTask): ProviderKind {
    return providerKindFor(this.settings, task);
  }

  /** The provider a task goes to first, started on first use. */
  providerFor(task: ModelTask): ModelProvider {
    return this.provider(this.kindFor(task));
  }

  provider(kind: ProviderKind): ModelProvider {
    let provider = this.started.get(kind);
    if (!provider) {
      provider = this.create(kind);
      this.started.set(kind, provider);
    }
    return provider;
  }

  /** A provider already started, without starting one. */
  running(kind: ProviderKind): ModelProvider | undefined {
    return this.started.get(kind);
  }

  async ask(request: ProviderRequest, options: ProviderAskOptions = {}): Promise<ProviderAnswer> {
    const kind = this.kindFor(request.prompt.task);
    const first = this.provider(kind);
    try {
      return { ...(await first.ask(request, options)), provider: first.describe() };
    } catch (error) {
      if (kind === 'local' || isAbortError(error) || !(error instanceof ModelError) || error.kind !== 'unreachable') throw error;
      if (this.settings.fallback === 'none') throw error;
      const from = first.describe();
      const reason = errorMessage(error).split('\n')[0];
      const local = this.provider('local');
      options.onFallback?.(from, reason);
      try {
        return { ...(await local.ask(request, options)), provider: local.describe(), fellBack: { from, reason } };
      } catch (localError) {
        // The end of the chain names the server first: it is what the user chose.
        if (localError instanceof NoModelAvailableError) throw new NoModelAvailableError([{ modelId: from.label, reason, stage: 'failed' }, ...localError.attempts]);
        throw localError;
      }
    }
  }

  async endConversation(conversationId: string): Promise<void> {
    await Promise.all([...this.started.values()].map((provider) => provider.endConversation(conversationId).catch(() => undefined)));
  }

  async dispose(): Promise<void> {
    const providers = [...this.started.values()];
    this.started.clear();
    await Promise.all(providers.map((provider) => provider.dispose()));
  }
}
