// placeholder until the provider lands; replaced by the merge
import type { ModelLog } from '../modelLog';
import type { ModelSettings } from '../settings';
import type { ModelProvider, ProviderDescription, ProviderRequest } from '../provider';
import type { GenerateResult } from '../requests';
import { ModelError } from '../errors';
export class OpenAiProvider implements ModelProvider {
  constructor(private readonly settings: ModelSettings, private readonly log?: ModelLog) {}
  describe(): ProviderDescription { return { kind: 'openai', label: 'server', codeLeavesMachine: true }; }
  ask(_r: ProviderRequest): Promise<GenerateResult> { return Promise.reject(new ModelError('rejected', 'not yet')); }
  async endConversation(): Promise<void> {}
  async dispose(): Promise<void> {}
}
