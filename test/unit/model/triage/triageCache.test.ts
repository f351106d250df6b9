// The triage cache: the same finding over the same lines is answered without asking the tiny
// model again; an edit to a line the prompt showed asks again; the JSON file keeps verdicts
// between runs and starts afresh when it is from another version or unreadable.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveModelSettings } from '../../../../src/model/settings';
import { defaultTriageCacheFile, TriageCache, triageAskedOf, triageCacheKey, triageCacheVersion } from '../../../../src/model/triage/triageCache';
import { prepareTriage, triageFinding, type TriageResult } from '../../../../src/model/triage/triageFinding';
import { triageVerdicts } from '../../../../src/model/triage/triageAnswer';
import { ModelScratch } from '../../../support/modelFixtures';
import { flaskView, tinyTriageModel, viewSubject, type TinyTriageModel } from '../../../support/triageFixtures';

const sample: TriageResult = {
  verdict: 'false-positive',
  reason: 'The host is a constant.',
  evidenceLines: [9],
  fixHint: '',
  verified: true,
  rejected: [],
  modelId: 'tiny',
  provider: { kind: 'local', label: 'local model', codeLeavesMachine: false },
  cached: false,
};

describe('triage cache', function () {
  this.timeout(120_000);
  let scratch: ModelScratch;

  before(() => (scratch = new ModelScratch()));
  after(() => scratch.dispose());

  describe('its key', () => {
    const key = (text: string) => prepareTriage(viewSubject(text)).cacheKey;

    it('is the same for the same finding over the same lines, and starts with its fingerprint', () => {
      assert.equal(key(flaskView), key(flaskView));
      assert.match(key(flaskView), /^fp-command-injection:[0-9a-f]{32}$/);
    });

    it('changes with an edit to a shown line that is not the flagged one, though the fingerprint stays', () => {
      assert.notEqual(key(flaskView.replace('return "ok"', 'return "pong"')), key(flaskView));
    });

    it('ignores lines the prompt did not show', () => {
      assert.equal(key(flaskView.replace('import subprocess', 'import subprocess  # shell helpers')), key(flaskView));
    });

    it('changes with the model asked and the room it has for an answer', () => {
      const settings = resolveModelSettings({}, {});
      const askedOf = (input: Parameters<typeof resolveModelSettings>[0], kind: 'local' | 'openai' = 'local') => triageAskedOf(resolveModelSettings(input, {}), kind);
      const keys = [
        triageAskedOf(settings, 'local'),
        askedOf({ tasks: { triage: { model: 'codellama-13b-instruct-q4km' } } }),
        askedOf({ tasks: { triage: { maxTokens: 512 } } }),
        askedOf({ server: { baseUrl: 'http://gpu:8080/v1', model: 'coder' } }, 'openai'),
        askedOf({ server: { baseUrl: 'http://gpu:8080/v1', model: 'coder' }, tasks: { triage: { serverModel: 'big-coder' } } }, 'openai'),
      ].map((who) => prepareTriage(viewSubject(), who).cacheKey);
      assert.equal(new Set(keys).size, keys.length, keys.join('\n'));
    });

    it('tells apart two findings over the same lines', () => {
      const prompt = prepareTriage(viewSubject()).prompt;
      assert.notEqual(triageCacheKey({ ruleId: 'r', contentFingerprint: 'a' }, prompt), triageCacheKey({ ruleId: 'r', contentFingerprint: 'b' }, prompt));
    });
  });

  describe('with the tiny model', () => {
    let model: TinyTriageModel;

    before(() => (model = tinyTriageModel(scratch)));
    after(() => model.router.dispose());

    it('answers the same finding again from the cache without asking, and asks again after an edit to its lines', async () => {
      const cache = new TriageCache();
      const first = await triageFinding(viewSubject(), model.router, { cache });
      assert.equal(first.cached, false);
      assert.ok((triageVerdicts as readonly string[]).includes(first.verdict));
      assert.equal(first.provider.kind, 'local');
      assert.equal(first.modelId, 'tiny', 'the model is named even when its answer could not be read');
      assert.equal(model.counter.asks, 1);

      const again = await triageFinding(viewSubject(), model.router, { cache });
      assert.equal(model.counter.asks, 1, 'the model was not asked again');
      assert.equal(again.cached, true);
      assert.deepEqual({ ...again, cached: false }, first);

      const edited = flaskView.replace('    command = "ping -c 1 " + host', '    command = "ping -c 1 " + shlex.quote(host)');
      const afterEdit = await triageFinding(viewSubject(edited), model.router, { cache });
      assert.equal(afterEdit.cached, false);
      assert.equal(model.counter.asks, 2, 'the edit to a path line asked again');
      assert.equal(cache.size, 2);
    });
  });

  describe('its file', () => {
    it('keeps verdicts between runs', async () => {
      const file = join(scratch.folder, 'cache', 'triage.json');
      const cache = await TriageCache.open(file);
      assert.equal(cache.size, 0);
      assert.equal(cache.loadProblem, undefined, 'a missing file is an empty cache');
      cache.set('key-1', sample);
      await cache.save();
      const stored = JSON.parse(readFileSync(file, 'utf8'));
      assert.equal(stored.version, triageCacheVersion);
      const reopened = await TriageCache.open(file);
      assert.deepEqual(reopened.get('key-1'), { ...sample, cached: true });
      assert.equal(reopened.get('key-2'), undefined);
    });

    it('starts afresh from a file of another version or one that is not JSON, and says why', async () => {
      const file = scratch.file('old-triage.json', JSON.stringify({ version: 0, entries: { 'key-1': sample } }));
      const old = await TriageCache.open(file);
      assert.equal(old.size, 0);
      assert.match(old.loadProblem ?? '', /from another version \(0\)/);
      writeFileSync(file, '{"version": 1, "entries": {');
      const broken = await TriageCache.open(file);
      assert.equal(broken.size, 0);
      assert.match(broken.loadProblem ?? '', /not valid JSON/);
    });

    it('skips malformed entries and drops the least recently used past its size', async () => {
      const file = scratch.file('mixed-triage.json', JSON.stringify({ version: 1, entries: { good: sample, bad: { verdict: 'maybe' } } }));
      const cache = await TriageCache.open(file, 2);
      assert.equal(cache.size, 1);
      cache.set('second', sample);
      cache.get('good');
      cache.set('third', sample);
      assert.equal(cache.size, 2);
      assert.equal(cache.get('second'), undefined, 'the least recently used went');
      assert.ok(cache.get('good'));
    });

    it('lives in the user cache folder by default', () => {
      assert.equal(defaultTriageCacheFile({ ...process.env, XDG_CACHE_HOME: '/tmp/xdg' }), process.platform === 'linux' ? '/tmp/xdg/llama-review/triage.json' : defaultTriageCacheFile());
    });
  });
});
