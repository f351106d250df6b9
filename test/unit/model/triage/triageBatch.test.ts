// The batch runner over the real local provider with the tiny model, its questions counted by a
// wrapper: the budget, cancellation, the concurrency limit and cache hits. Answers are random;
// only their structure and verification are asserted.
import * as assert from 'node:assert/strict';
import { isNoModelError } from '../../../../src/model/errors';
import { resolveModelSettings } from '../../../../src/model/settings';
import { triageVerdicts } from '../../../../src/model/triage/triageAnswer';
import { triageBatch, triageConcurrency, type TriageProgress } from '../../../../src/model/triage/triageBatch';
import { TriageCache } from '../../../../src/model/triage/triageCache';
import type { TriageSubject } from '../../../../src/model/triage/triageFinding';
import { createProviderRouter, modelParts } from '../../../../src/model/setup';
import { ModelScratch } from '../../../support/modelFixtures';
import { commandInjection, flaskView, tinyTriageModel, viewSubject, type TinyTriageModel } from '../../../support/triageFixtures';

/** `count` findings, each in its own copy of the view (so each prompt, and cache key, differs). */
function subjects(count: number): TriageSubject[] {
  return Array.from({ length: count }, (_, index) => {
    const text = flaskView.replace('"/ping"', `"/ping/${index}"`);
    return viewSubject(text, { ...commandInjection(), contentFingerprint: `fp-${index}` });
  });
}

describe('triage batch', function () {
  this.timeout(180_000);
  let scratch: ModelScratch;
  let model: TinyTriageModel;

  before(() => {
    scratch = new ModelScratch();
    model = tinyTriageModel(scratch);
  });
  after(async () => {
    await model.router.dispose();
    scratch.dispose();
  });
  beforeEach(() => {
    model.counter.asks = 0;
    model.counter.peak = 0;
  });

  it('asks one question at a time of the local model, and as many as the setting allows of a server', () => {
    const settings = resolveModelSettings({ server: { concurrency: 4 } }, {});
    assert.equal(triageConcurrency(settings, 'local'), 1);
    assert.equal(triageConcurrency(settings, 'openai'), 4);
  });

  it('triages every finding within the budget, with verified or unsure verdicts, and reports progress', async () => {
    const progress: TriageProgress[] = [];
    const outcome = await triageBatch(subjects(3), { asker: model.router, concurrency: 1, maxFindings: 10, onProgress: (step) => progress.push(step) });
    assert.equal(outcome.asked, 3);
    assert.equal(outcome.stopped, undefined);
    assert.deepEqual(progress, [0, 1, 2, 3].map((done) => ({ done, total: 3 })));
    for (const result of outcome.results) {
      assert.ok(result, 'every finding has a result');
      assert.ok((triageVerdicts as readonly string[]).includes(result.verdict));
      assert.equal(result.provider.kind, 'local');
      assert.equal(result.modelId, 'tiny');
      // A verified answer cites only shown lines (7-12); anything else was turned to unsure, with its reasons.
      if (result.verified) assert.ok(result.evidenceLines.every((line) => line >= 7 && line <= 12), JSON.stringify(result));
      else assert.ok(result.verdict === 'unsure' && result.rejected.length > 0, JSON.stringify(result));
    }
  });

  it('asks about no more findings than the budget, leaving the rest without a result', async () => {
    const outcome = await triageBatch(subjects(4), { asker: model.router, concurrency: 1, maxFindings: 2 });
    assert.equal(model.counter.asks, 2);
    assert.equal(outcome.asked, 2);
    assert.equal(outcome.overBudget, 2);
    assert.deepEqual(outcome.results.map(Boolean), [true, true, false, false]);
  });

  it('stops when cancelled and returns what is done', async () => {
    const controller = new AbortController();
    const outcome = await triageBatch(subjects(4), {
      asker: model.router,
      concurrency: 1,
      maxFindings: 10,
      signal: controller.signal,
      onProgress: ({ done }) => done === 1 && controller.abort(),
    });
    assert.equal(outcome.cancelled, true);
    assert.equal(outcome.stopped, undefined, 'a cancellation is not a failure');
    assert.equal(model.counter.asks, 1);
    assert.deepEqual(outcome.results.map(Boolean), [true, false, false, false]);
  });

  it('never has more questions in flight than its concurrency', async () => {
    const outcome = await triageBatch(subjects(5), { asker: model.router, concurrency: 2, maxFindings: 10 });
    assert.equal(outcome.asked, 5);
    assert.equal(model.counter.peak, 2, 'two at once, and never three');
    model.counter.peak = 0;
    await triageBatch(subjects(3).map((subject) => ({ ...subject, fileName: 'other.py' })), { asker: model.router, concurrency: 1, maxFindings: 10 });
    assert.equal(model.counter.peak, 1);
  });

  it('answers cache hits without asking, and they do not count against the budget', async () => {
    const cache = new TriageCache();
    const batch = subjects(3);
    await triageBatch(batch.slice(0, 2), { asker: model.router, concurrency: 1, maxFindings: 10, cache });
    model.counter.asks = 0;
    const outcome = await triageBatch(batch, { asker: model.router, concurrency: 1, maxFindings: 1, cache });
    assert.equal(model.counter.asks, 1, 'only the new finding was asked about');
    assert.equal(outcome.fromCache, 2);
    assert.deepEqual(outcome.results.map((result) => result?.cached), [true, true, false]);
  });

  it('stops at the first finding when no model is available, with the reason', async () => {
    const parts = modelParts({ settings: { modelsFolder: scratch.folder, tasks: { triage: { model: 'auto' } } }, env: {} });
    const router = createProviderRouter(parts);
    try {
      const outcome = await triageBatch(subjects(3), { asker: router, concurrency: 1, maxFindings: 10 });
      assert.ok(isNoModelError(outcome.stopped), String(outcome.stopped));
      assert.equal(outcome.asked, 0);
      assert.deepEqual(outcome.results, [undefined, undefined, undefined]);
    } finally {
      await router.dispose();
    }
  });
});
