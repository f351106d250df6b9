// The local model as a provider: selection, the fallback chain over downloaded models and the
// engine (in this process for the CLI, in a child process for the editor), all in ModelRuntime.
import type { ModelHost } from './host';
import type { ModelProvider, ProviderAskOptions, ProviderDescription, ProviderRequest } from './provider';
import type { GenerateResult } from './requests';
import type { ModelRuntime } from './runtime';

export const localProviderDescription: ProviderDescription = { kind: 'local', label: 'local model', codeLeavesMachine: false };

export class LocalProvider implements ModelProvider {
  constructor(
    readonly runtime: ModelRuntime,
    readonly host: ModelHost,
  ) {}

  describe(): ProviderDescription {
    return localProviderDescription;
  }

  ask(request: ProviderRequest, options: ProviderAskOptions = {}): Promise<GenerateResult> {
    return this.runtime.ask(request.prompt, { ...options, conversationId: request.conversationId, history: request.history, jsonSchema: request.jsonSchema });
  }

  endConversation(conversationId: string): Promise<void> {
    return this.host.endConversation(conversationId);
  }

  dispose(): Promise<void> {
    return this.host.dispose();
  }
}
