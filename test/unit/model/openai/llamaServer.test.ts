import * as assert from 'node:assert/strict';
import type { JsonSchema } from '../../../../src/model/jsonSchema';
import { OpenAiProvider } from '../../../../src/model/openai/openAiProvider';
import { LlamaServer } from '../../../support/llamaServer';
import { ModelScratch } from '../../../support/modelFixtures';
import { modelError, providerSettings, question } from '../../../support/providerFixtures';

describe('openai provider against a real llama-server', function () {
  this.timeout(120_000);
  let scratch: ModelScratch;
  let server: LlamaServer;
  let provider: OpenAiProvider;

  before(async () => {
    scratch = new ModelScratch();
    server = await LlamaServer.start({ modelPath: scratch.tinyModel, alias: 'tiny-test' });
    provider = new OpenAiProvider(providerSettings({ baseUrl: server.baseUrl }));
  });

  after(async () => {
    await provider?.dispose();
    await server?.stop();
    scratch?.dispose();
  });

  it('lists the server model and uses it when no model is set', async () => {
    assert.deepEqual(await provider.listModels(), ['tiny-test']);
    const result = await provider.ask({ prompt: question('What does eval do?') });
    assert.equal(result.modelId, 'tiny-test');
  });

  it('describes a loopback server as keeping code on this machine', () => {
    assert.deepEqual(provider.describe(), { kind: 'openai', label: `OpenAI-compatible server at 127.0.0.1:${server.port}`, codeLeavesMachine: false, host: `127.0.0.1:${server.port}` });
  });

  it('streams the answer in several chunks that add up to its text', async () => {
    const chunks: string[] = [];
    const result = await provider.ask({ prompt: question('Why is eval dangerous?') }, { onText: (text) => chunks.push(text) });
    assert.ok(chunks.length > 1, `expected several chunks, got ${chunks.length}`);
    assert.equal(chunks.join(''), result.text);
    assert.equal(result.outputTokens, 16);
    assert.equal(result.truncated, true);
    assert.ok(result.promptTokensEvaluated > 0);
    assert.ok(result.contextTokens > result.outputTokens);
    assert.ok(result.tokensPerSecond > 0);
    assert.ok(result.timeToFirstTokenMs <= result.generationMs);
  });

  it('cancels mid-stream: the request fails as aborted and the server stops generating', async () => {
    const long = new OpenAiProvider(providerSettings({ baseUrl: server.baseUrl }, 800));
    try {
      const controller = new AbortController();
      let chunks = 0;
      await assert.rejects(
        long.ask({ prompt: question('Write a long answer.') }, { signal: controller.signal, onText: () => ++chunks === 3 && controller.abort() }),
        modelError('aborted'),
      );
      assert.equal(chunks, 3);
      // llama-server notices the closed connection and cancels the task (its log says so), freeing the slot.
      const deadline = Date.now() + 30_000;
      while (!/cancel task/.test(server.log) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.match(server.log, /cancel task/);
      assert.equal((await server.slot()).is_processing, false);
    } finally {
      await long.dispose();
    }
  });

  it('answers JSON that parses and follows the schema', async () => {
    const schema: JsonSchema = {
      type: 'object',
      required: ['severity', 'realRisk', 'summary'],
      additionalProperties: false,
      properties: {
        severity: { type: 'string', enum: ['low', 'medium', 'high'] },
        realRisk: { type: 'boolean' },
        summary: { type: 'string', maxLength: 24 },
      },
    };
    const result = await provider.ask({ prompt: question('Rate this finding as JSON.', 'review'), jsonSchema: schema });
    const answer = result.json as { severity: string; realRisk: boolean; summary: string };
    assert.deepEqual(JSON.parse(result.text), answer);
    assert.ok(['low', 'medium', 'high'].includes(answer.severity));
    assert.equal(typeof answer.realRisk, 'boolean');
    assert.ok(answer.summary.length <= 24);
  });

  it('sends the whole transcript with a follow-up', async () => {
    const first = await provider.ask({ prompt: question('What does line 2 do?') });
    const followUp = question('And how do I fix it?');
    const alone = await provider.ask({ prompt: followUp });
    const withHistory = await provider.ask({
      prompt: followUp,
      history: [
        { role: 'user', text: 'What does line 2 do?' },
        { role: 'assistant', text: first.text },
      ],
    });
    // The server counts the prompt it was sent: the transcript makes it longer.
    const promptOf = (result: typeof alone) => result.contextTokens - result.outputTokens;
    assert.ok(promptOf(withHistory) > promptOf(alone) + 5, `with history ${promptOf(withHistory)} prompt tokens, without ${promptOf(alone)}`);
  });

  it('says the server closed the connection when it dies mid-answer', async () => {
    const doomed = await LlamaServer.start({ modelPath: scratch.tinyModel });
    const dying = new OpenAiProvider(providerSettings({ baseUrl: doomed.baseUrl }, 800));
    try {
      let killed = false;
      await assert.rejects(
        dying.ask({ prompt: question('Write a long answer.') }, {
          onText: () => {
            if (!killed) doomed.child.kill('SIGKILL');
            killed = true;
          },
        }),
        modelError('unreachable', /closed the connection mid-answer/),
      );
      assert.equal(killed, true);
    } finally {
      await dying.dispose();
      await doomed.stop();
    }
  });
});
