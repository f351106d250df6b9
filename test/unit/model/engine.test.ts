import * as assert from 'node:assert/strict';
import { ModelEngine } from '../../../src/model/engine';
import { ModelError } from '../../../src/model/errors';
import type { JsonSchema } from '../../../src/model/jsonSchema';
import { loadRequestFor, testEngineOptions, useEngineFixture } from '../../support/modelFixtures';

describe('model engine (tiny GGUF, in process)', function () {
  this.timeout(120_000);
  const fixture = useEngineFixture();

  it('loads with progress and reports the Llama-2 chat format for a CodeLlama-Instruct entry', async () => {
    const progress: number[] = [];
    const info = await fixture.engine.load(loadRequestFor(fixture.scratch.tinyModel, { modelId: 'codellama-like', chatFormat: 'llama2' }), {
      onProgress: (fraction) => progress.push(fraction),
    });
    assert.equal(info.modelId, 'codellama-like');
    assert.equal(info.chatWrapper, 'Llama2Chat');
    assert.ok(progress.length > 0, 'load progress was reported');
    assert.ok(progress.every((fraction) => fraction > 0 && fraction <= 1));
  });

  it('generates and streams the answer in more than one chunk', async () => {
    const chunks: string[] = [];
    const result = await fixture.engine.generate({ prompt: 'Explain why eval of user input is not safe.', maxTokens: 24, temperature: 0 }, { onText: (text) => chunks.push(text) });
    assert.ok(chunks.length > 1, `expected several chunks, got ${chunks.length}`);
    assert.equal(chunks.join(''), result.text);
    assert.equal(result.outputTokens, 24);
    assert.equal(result.truncated, true);
    assert.ok(result.promptTokensEvaluated > 0);
    assert.ok(result.tokensPerSecond > 0);
  });

  it('stops on an AbortSignal with an "aborted" error', async () => {
    const controller = new AbortController();
    let chunks = 0;
    const running = fixture.engine.generate(
      { prompt: 'Write a very long answer.', maxTokens: 400 },
      {
        signal: controller.signal,
        onText: () => {
          if (++chunks === 3) controller.abort();
        },
      },
    );
    await assert.rejects(running, (error: unknown) => error instanceof ModelError && error.kind === 'aborted');
    assert.ok(chunks < 400);
    // The engine keeps working after an abort.
    const after = await fixture.engine.generate({ prompt: 'Again.', maxTokens: 4 });
    assert.equal(after.outputTokens, 4);
  });

  it('answers JSON that parses and matches the schema', async () => {
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
    const result = await fixture.engine.generate({ prompt: 'Rate this finding as JSON.', maxTokens: 120, jsonSchema: schema });
    const answer = result.json as { severity: string; realRisk: boolean; summary: string };
    assert.deepEqual(JSON.parse(result.text), answer);
    assert.ok(['low', 'medium', 'high'].includes(answer.severity));
    assert.equal(typeof answer.realRisk, 'boolean');
    assert.ok(answer.summary.length <= 24);
  });

  it('rejects a JSON answer that breaks a bound the grammar cannot enforce', async () => {
    // The grammar enforces "integer" but not "maximum": a random model writes big numbers.
    const schema: JsonSchema = { type: 'object', required: ['line'], additionalProperties: false, properties: { line: { type: 'integer', minimum: 1, maximum: 1 } } };
    await assert.rejects(
      fixture.engine.generate({ prompt: 'Which line?', maxTokens: 40, jsonSchema: schema, temperature: 0 }),
      (error: unknown) => error instanceof ModelError && error.kind === 'invalid-output' && /line|cut off/.test(error.message),
    );
  });

  it('evaluates fewer prompt tokens for a follow-up in the same conversation', async () => {
    const code = Array.from({ length: 15 }, (_, index) => `    value_${index} = eval(data[${index}])`).join('\n');
    const first = await fixture.engine.generate({
      conversationId: 'follow-up',
      contextSize: 2048,
      prompt: `Explain the findings in this function:\ndef handler(data):\n${code}\n`,
      maxTokens: 8,
      temperature: 0,
    });
    const followUp = await fixture.engine.generate({ conversationId: 'follow-up', prompt: 'Why?', maxTokens: 8, temperature: 0 });
    assert.ok(first.promptTokensEvaluated > 200, `first prompt evaluated ${first.promptTokensEvaluated} tokens`);
    assert.ok(
      followUp.promptTokensEvaluated < first.promptTokensEvaluated,
      `follow-up evaluated ${followUp.promptTokensEvaluated} tokens, the first ${first.promptTokensEvaluated}`,
    );
    // Far fewer than re-reading the whole conversation.
    assert.ok(followUp.promptTokensEvaluated < followUp.contextTokens / 2);
    await fixture.engine.endConversation('follow-up');
  });

  it('applies a LoRA adapter GGUF (a fine-tune on top of the base model)', async () => {
    const request = { prompt: 'Hello there', maxTokens: 12, temperature: 0 };
    await fixture.engine.load(loadRequestFor(fixture.scratch.tinyModel));
    const base = await fixture.engine.generate(request);
    const info = await fixture.engine.load(loadRequestFor(fixture.scratch.tinyModel, { modelId: 'tiny-with-lora', lora: { path: fixture.scratch.lora(), scale: 1 } }));
    assert.equal(info.modelId, 'tiny-with-lora');
    const adapted = await fixture.engine.generate(request);
    assert.equal(adapted.outputTokens, 12);
    // Greedy decoding of the same prompt differs only if the adapter changed the weights.
    assert.notEqual(adapted.text, base.text);
  });

  it('fails clearly when asked before any model was loaded', async () => {
    const fresh = await ModelEngine.create(testEngineOptions);
    try {
      await assert.rejects(fresh.generate({ prompt: 'Hi' }), (error: unknown) => error instanceof ModelError && error.kind === 'not-loaded');
    } finally {
      await fresh.dispose();
    }
  });

  it('unloads after an idle spell and reloads for the next request', async () => {
    const idle = await ModelEngine.create({ ...testEngineOptions, idleUnloadMs: 100 });
    try {
      const loadedId = () => idle.loadedModel?.modelId;
      await idle.load(loadRequestFor(fixture.scratch.tinyModel));
      for (let waited = 0; loadedId() && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(loadedId(), undefined, 'the model was unloaded');
      const result = await idle.generate({ prompt: 'Hi', maxTokens: 3 });
      assert.equal(result.outputTokens, 3);
      assert.equal(loadedId(), 'tiny');
    } finally {
      await idle.dispose();
    }
  });
});
