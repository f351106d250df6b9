// Reading an answer from a provider that does not parse JSON itself (a server that ignores the
// schema): its text is read and verified like any other answer. The provider here is a stand-in
// that returns fixed text; what is tested is how triage reads and verifies it.
import * as assert from 'node:assert/strict';
import type { ModelProvider } from '../../../../src/model/provider';
import { ProviderRouter } from '../../../../src/model/providerRouter';
import type { GenerateResult } from '../../../../src/model/requests';
import { resolveModelSettings } from '../../../../src/model/settings';
import { triageFinding } from '../../../../src/model/triage/triageFinding';
import { viewSubject } from '../../../support/triageFixtures';

function textOnly(text: string): ModelProvider {
  const result: GenerateResult = { modelId: 'server-model', text, promptTokensEvaluated: 1, outputTokens: 1, contextTokens: 1, timeToFirstTokenMs: 0, generationMs: 0, tokensPerSecond: 0, truncated: false };
  return {
    describe: () => ({ kind: 'openai', label: 'OpenAI-compatible server at gpu:8080', codeLeavesMachine: true }),
    ask: async () => result,
    endConversation: async () => undefined,
    dispose: async () => undefined,
  };
}

describe('triage of a text-only answer', () => {
  const settings = resolveModelSettings({ provider: 'openai' }, {});

  it('reads the text as JSON and verifies it', async () => {
    const text = JSON.stringify({ verdict: 'true-positive', reason: 'Line 9 reads the host; line 11 runs it in a shell.', evidence_lines: [9, 11], fix_hint: 'Pass an argument list.' });
    const result = await triageFinding(viewSubject(), new ProviderRouter(settings, () => textOnly(text)));
    assert.equal(result.verdict, 'true-positive');
    assert.ok(result.verified);
    assert.equal(result.modelId, 'server-model');
    assert.equal(result.provider.kind, 'openai');
  });

  it('turns prose that is not JSON into an unsure verdict that says why', async () => {
    const result = await triageFinding(viewSubject(), new ProviderRouter(settings, () => textOnly('It is a true positive, see line 40.')));
    assert.equal(result.verdict, 'unsure');
    assert.equal(result.verified, false);
    assert.match(result.rejected[0], /does not follow the format/);
  });
});
