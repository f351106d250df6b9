import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { Catalog, loadCatalog } from '../../../src/model/catalog';
import { InProcessHost } from '../../../src/model/host';
import { explainPrompt } from '../../../src/model/prompts';
import { ModelRuntime } from '../../../src/model/runtime';
import { resolveModelSettings } from '../../../src/model/settings';
import { ModelStore } from '../../../src/model/store';
import { localEntry, ModelScratch, repositoryRoot, testEngineOptions } from '../../support/modelFixtures';

describe('model runtime: select, fall back, ask', function () {
  this.timeout(120_000);
  let scratch: ModelScratch;
  let host: InProcessHost;
  let runtime: ModelRuntime;

  const prompt = () =>
    explainPrompt({
      fileName: 'app.py',
      text: 'def f(x):\n    return eval(x)\n',
      finding: { ruleId: 'eval-used', aliases: [], category: 'security', severity: 'warning', confidence: 'high', message: 'eval', range: { start: { line: 1, column: 11 }, end: { line: 1, column: 18 } }, source: 'parse' },
      span: { startLine: 0, endLine: 1 },
    });

  before(() => {
    scratch = new ModelScratch();
    const notDownloaded = { ...localEntry('catalog-model', '', { fallbackOrder: 1, uri: 'hf:owner/repo/model.gguf', fileName: 'model.gguf' }) };
    delete notDownloaded.path;
    const catalog = new Catalog([
      notDownloaded,
      localEntry('broken', scratch.badModels()['missing tensor'], { fallbackOrder: 2 }),
      localEntry('tiny', scratch.tinyModel, { fallbackOrder: 3 }),
    ]);
    const settings = resolveModelSettings({ tasks: { explain: { maxTokens: 12 } } }, {});
    host = new InProcessHost(testEngineOptions);
    runtime = new ModelRuntime({ host, catalog, store: new ModelStore(join(scratch.folder, 'models')), settings });
  });

  after(async () => {
    await host.dispose();
    scratch.dispose();
  });

  it('skips a model that is not downloaded and one that fails to load, then answers with the next', async () => {
    const chunks: string[] = [];
    const result = await runtime.ask(prompt(), { onText: (text) => chunks.push(text) });
    assert.equal(result.modelId, 'tiny');
    assert.equal(result.outputTokens, 12);
    assert.ok(chunks.length > 1);
    assert.deepEqual(
      result.outcome.attempts.map((attempt) => [attempt.modelId, attempt.stage]),
      [
        ['catalog-model', 'missing'],
        ['broken', 'failed'],
      ],
    );
    assert.match(result.outcome.attempts[1].reason, /missing tensor/);
  });

  it('does not retry a model that failed to load in this session', async () => {
    const selection = await runtime.select({ task: 'explain', promptTokens: 50, maxTokens: 12, complex: false });
    assert.deepEqual(selection.chain.map((candidate) => candidate.model.id), ['catalog-model', 'tiny']);
    assert.match(selection.rejected.find((rejection) => rejection.model.id === 'broken')!.reason, /missing tensor/);
    runtime.reset();
    const again = await runtime.select({ task: 'explain', promptTokens: 50, maxTokens: 12, complex: false });
    assert.equal(again.chain.length, 3);
  });

  it('keeps a conversation for follow-up questions', async () => {
    const first = await runtime.ask(prompt(), { conversationId: 'chat-1' });
    const followUp = await runtime.ask({ ...prompt(), prompt: 'And how do I fix it?' }, { conversationId: 'chat-1' });
    assert.ok(followUp.promptTokensEvaluated < first.promptTokensEvaluated);
  });

  it('uses the Llama-2 [INST] chat format for a CodeLlama-Instruct entry', async () => {
    // Last in this file: a second engine in the process takes over llama.cpp's process-wide log.
    // The team's own CodeLlama file: the shipped entry with a local path (memory sized for the tiny stand-in).
    const catalog = loadCatalog({
      file: join(repositoryRoot, 'models.json'),
      userEntries: [{ id: 'team-codellama', extends: 'codellama-7b-instruct-q4km', path: scratch.tinyModel, ramBytes: 10_000_000, vramBytes: 10_000_000, kvCacheBytesPerToken: 1024 }],
    });
    const settings = resolveModelSettings({ tasks: { explain: { model: 'team-codellama', maxTokens: 8 } } }, {});
    const codeLlamaHost = new InProcessHost(testEngineOptions);
    try {
      const codeLlama = new ModelRuntime({ host: codeLlamaHost, catalog, store: new ModelStore(join(scratch.folder, 'models')), settings });
      const result = await codeLlama.ask(prompt());
      assert.equal(result.modelId, 'team-codellama');
      assert.equal(result.outcome.info.chatWrapper, 'Llama2Chat');
    } finally {
      await codeLlamaHost.dispose();
    }
  });
});
