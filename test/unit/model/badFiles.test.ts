import * as assert from 'node:assert/strict';
import { Catalog } from '../../../src/model/catalog';
import { ModelError, NoModelAvailableError, noModelOutcome } from '../../../src/model/errors';
import { loadFirstAvailable } from '../../../src/model/fallback';
import { osMachineProfile } from '../../../src/model/hardware';
import { selectModels } from '../../../src/model/select';
import { ModelStore } from '../../../src/model/store';
import { localEntry, loadRequestFor, tinyContextSize, useEngineFixture } from '../../support/modelFixtures';

/** What each broken file's error must say, so a user knows what to do. */
const expectedReasons: Record<string, RegExp> = {
  missing: /not found/i,
  empty: /empty \(0 bytes\)/,
  'random bytes': /not a GGUF model file/,
  truncated: /is cut short: it has \d+ bytes but its tensors need \d+/,
  'missing tensor': /Failed to load model .*llama\.cpp says: .*missing tensor 'blk\.1\.ffn_down\.weight'/,
};

describe('bad model files and the fallback chain', function () {
  this.timeout(120_000);
  const fixture = useEngineFixture();

  for (const [problem, pattern] of Object.entries(expectedReasons)) {
    it(`a ${problem} file fails with a clear error`, async () => {
      const path = fixture.scratch.badModels()[problem];
      await assert.rejects(fixture.engine.load(loadRequestFor(path, { modelId: problem })), (error: unknown) => {
        assert.ok(error instanceof ModelError, `expected a ModelError, got ${String(error)}`);
        assert.ok(error.kind === 'bad-file' || error.kind === 'load-failed', error.kind);
        assert.match(error.message, pattern);
        assert.ok(error.message.includes(path), 'the message names the file');
        return true;
      });
    });
  }

  it('falls back past every bad file to the next model that loads', async () => {
    const bad = fixture.scratch.badModels();
    const entries = Object.entries(bad).map(([problem, path], index) => localEntry(`bad-${problem.replace(/ /g, '-')}`, path, { fallbackOrder: index + 1 }));
    const catalog = new Catalog([...entries, localEntry('tiny-good', fixture.scratch.tinyModel, { fallbackOrder: 99 })]);
    const selection = selectModels({ catalog, machine: osMachineProfile(), demand: { task: 'explain', promptTokens: 100, maxTokens: 64, complex: false } });
    assert.equal(selection.chain.length, 6);
    const store = new ModelStore(fixture.scratch.folder);
    const outcome = await loadFirstAvailable(selection, {
      locate: (model) => store.locate(model),
      load: (candidate, path) => fixture.engine.load(loadRequestFor(path, { modelId: candidate.model.id, contextSize: tinyContextSize })),
    });
    assert.equal(outcome.candidate.model.id, 'tiny-good');
    assert.deepEqual(
      outcome.attempts.map((attempt) => attempt.modelId),
      entries.map((entry) => entry.id),
    );
    for (const attempt of outcome.attempts) assert.ok(attempt.reason.length > 10, attempt.reason);
    const answer = await fixture.engine.generate({ prompt: 'Still working?', maxTokens: 4 });
    assert.equal(answer.outputTokens, 4);
  });

  it('ends with "no model available; parse-based review continues" when every model fails', async () => {
    const bad = fixture.scratch.badModels();
    const catalog = new Catalog(Object.entries(bad).map(([problem, path], index) => localEntry(`bad-${index}`, path, { name: problem, fallbackOrder: index + 1 })));
    const selection = selectModels({ catalog, machine: osMachineProfile(), demand: { task: 'review', promptTokens: 100, maxTokens: 64, complex: false } });
    const store = new ModelStore(fixture.scratch.folder);
    await assert.rejects(
      loadFirstAvailable(selection, {
        locate: (model) => store.locate(model),
        load: (candidate, path) => fixture.engine.load(loadRequestFor(path, { modelId: candidate.model.id })),
      }),
      (error: unknown) => {
        assert.ok(error instanceof NoModelAvailableError);
        assert.ok(error.message.startsWith(noModelOutcome), error.message);
        assert.equal(error.attempts.length, 5);
        assert.match(error.message, /bad-0: the file .* does not exist/);
        return true;
      },
    );
  });
});
