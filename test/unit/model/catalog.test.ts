import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { Catalog, CatalogError, loadCatalog, parseCatalog, withUserEntries } from '../../../src/model/catalog';
import type { CatalogModel } from '../../../src/model/catalogSchema';
import { localEntry, ModelScratch, repositoryRoot } from '../../support/modelFixtures';

function entryWith(fields: Record<string, unknown>): Record<string, unknown> {
  const entry: Record<string, unknown> = { ...localEntry('broken-model', '/models/broken.gguf'), ...fields };
  for (const [key, value] of Object.entries(fields)) if (value === undefined) delete entry[key];
  return entry;
}

function rejects(json: unknown, ...patterns: RegExp[]): void {
  assert.throws(
    () => parseCatalog(json, 'models.json'),
    (error: unknown) => {
      assert.ok(error instanceof CatalogError, String(error));
      for (const pattern of patterns) assert.match(error.message, pattern);
      return true;
    },
  );
}

describe('model catalog (models.json)', () => {
  const catalog = loadCatalog({ file: join(repositoryRoot, 'models.json') });

  it('ships the expected models, each valid', () => {
    const ids = catalog.models.map((model) => model.id);
    for (const expected of [
      'codellama-7b-instruct-q4km',
      'codellama-13b-instruct-q4km',
      'codellama-34b-instruct-q4km',
      'phi-3-mini-4k-instruct-q4',
      'qwen2.5-coder-1.5b-instruct-q4km',
      'qwen2.5-coder-7b-instruct-q4km',
      'deepseek-coder-1.3b-instruct-q4km',
      'deepseek-coder-6.7b-instruct-q4km',
      'tinyllama-1.1b-chat-q4km',
    ]) {
      assert.ok(ids.includes(expected), `${expected} is in the catalog`);
    }
  });

  it('makes CodeLlama-7B-Instruct the default and TinyLlama the last fallback', () => {
    const standard = catalog.inFallbackOrder().filter((model) => model.tier === 'standard');
    assert.equal(standard[0].id, 'codellama-7b-instruct-q4km');
    assert.equal(standard.at(-1)!.id, 'tinyllama-1.1b-chat-q4km');
    assert.deepEqual(
      catalog.models.filter((model) => model.tier === 'large').map((model) => model.id).sort(),
      ['codellama-13b-instruct-q4km', 'codellama-34b-instruct-q4km'],
    );
  });

  it('sets the Llama-2 [INST] chat format for every CodeLlama-Instruct entry', () => {
    const codeLlamas = catalog.models.filter((model) => model.family === 'codellama');
    assert.equal(codeLlamas.length, 3);
    for (const model of codeLlamas) assert.equal(model.chatFormat, 'llama2', model.id);
  });

  it('never claims a hash it does not have: sha256 is null or 64 hex digits, and estimated sizes say so', () => {
    for (const model of catalog.models) {
      assert.ok(model.sha256 === null || /^[0-9a-f]{64}$/.test(model.sha256), model.id);
      if (model.sha256 === null) assert.equal(model.sizeIsApproximate, true, model.id);
      assert.match(model.uri ?? '', /^hf:[^/]+\/[^/]+\/.+\.gguf$/, model.id);
    }
  });

  it('names the entry and field of a wrong type', () => {
    rejects({ models: [entryWith({ contextLength: '4k' })] }, /entry "broken-model" \(#1\) is invalid/, /field "contextLength" must be integer; got "4k"/);
  });

  it('names an unknown field, a bad enum value and a malformed hash', () => {
    rejects({ models: [entryWith({ contxtLength: 4096 })] }, /field "contxtLength" is not a known field/);
    rejects({ models: [entryWith({ chatFormat: 'llama-2' })] }, /field "chatFormat" must be one of "llama2", "chatml"/);
    rejects({ models: [entryWith({ sha256: 'abc' })] }, /field "sha256" must match/);
    rejects({ models: [entryWith({ tasks: ['explain', 'summarize'] })] }, /field "tasks\[1\]" must be one of "explain"/);
  });

  it('names a missing field by entry number when the id is missing too', () => {
    rejects({ models: [localEntry('fine', '/a.gguf'), entryWith({ id: undefined, tier: undefined })] }, /entry #2 is invalid/, /field "id" is required/, /field "tier" is required/);
  });

  it('needs a uri or a path, and unique ids', () => {
    rejects({ models: [entryWith({ path: undefined })] }, /needs "uri" \(to download it\) or "path"/);
    rejects({ models: [localEntry('twice', '/a.gguf'), localEntry('twice', '/b.gguf')] }, /id "twice" is used by more than one entry/);
    rejects({ models: [] }, /field "models" must have at least 1 item/);
  });

  it('reports a file that is not JSON', () => {
    const scratch = new ModelScratch();
    try {
      const file = scratch.file('models.json', '{ "models": [');
      assert.throws(() => loadCatalog({ file }), /Cannot read the model catalog .*models\.json/);
    } finally {
      scratch.dispose();
    }
  });

  describe('user entries', () => {
    const base = catalog.models;

    it('adds a LoRA adapter on top of a catalog model (a fine-tuned CodeLlama)', () => {
      const models = withUserEntries(base, [{ id: 'team-codellama', extends: 'codellama-7b-instruct-q4km', lora: { path: '/adapters/team.gguf', scale: 0.8 } }]);
      const team = new Catalog(models).require('team-codellama');
      assert.equal(team.chatFormat, 'llama2');
      assert.equal(team.uri, base.find((model) => model.id === 'codellama-7b-instruct-q4km')!.uri, 'the base model is still downloaded');
      assert.deepEqual(team.lora, { path: '/adapters/team.gguf', scale: 0.8 });
    });

    it('points at a local GGUF file (a merged fine-tune)', () => {
      const models = withUserEntries(base, [{ id: 'merged', extends: 'codellama-7b-instruct-q4km', path: '/models/unsloth-merged.Q4_K_M.gguf' }]);
      const merged = new Catalog(models).require('merged') as CatalogModel;
      assert.equal(merged.path, '/models/unsloth-merged.Q4_K_M.gguf');
      assert.equal(merged.fileName, 'unsloth-merged.Q4_K_M.gguf');
      assert.equal(merged.uri, undefined);
      assert.equal(merged.sha256, null);
    });

    it('rejects a user entry that extends an unknown model or lacks fields', () => {
      assert.throws(() => withUserEntries(base, [{ id: 'x', extends: 'codellama-70b' }]), /entry "x" \(#1\): field "extends" names "codellama-70b"/);
      assert.throws(() => withUserEntries(base, [{ id: 'bare', path: '/m.gguf' }]), /user models: entry "bare" \(#1\) is invalid:[\s\S]*field "name" is required/);
    });

    it('loads user entries with the shipped catalog', () => {
      const scratch = new ModelScratch();
      try {
        const file = scratch.file('models.json', JSON.stringify({ models: [localEntry('only', '/only.gguf')] }));
        const loaded = loadCatalog({ file, userEntries: [{ id: 'only-lora', extends: 'only', lora: { path: '/l.gguf' } }] });
        assert.deepEqual(loaded.models.map((model) => model.id), ['only', 'only-lora']);
        assert.throws(() => loaded.require('missing-one'), /Unknown model "missing-one". Known models: only, only-lora/);
      } finally {
        scratch.dispose();
      }
    });
  });
});
