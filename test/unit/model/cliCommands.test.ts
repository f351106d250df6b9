// `llama-review models ...` and `llama-review explain FILE:LINE`, run in process with captured output.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { run as runExplain } from '../../../src/cli/commands/explain';
import { run as runModels } from '../../../src/cli/commands/models';
import { localEntry, ModelScratch } from '../../support/modelFixtures';
import { FileServer } from '../../support/modelServer';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function capture(command: (args: string[], io: { stdout: Capture; stderr: Capture }) => Promise<number>, args: string[]) {
  const io = { stdout: new Capture(), stderr: new Capture() };
  const code = await command(args, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

const pythonWithEval = ['import os', '', '', 'def handler(request):', '    data = request.args["q"]', '    return eval(data)', ''].join('\n');

describe('llama-review models / explain', function () {
  this.timeout(120_000);
  let scratch: ModelScratch;
  let modelsDir: string;
  let app: string;

  before(() => {
    scratch = new ModelScratch();
    modelsDir = join(scratch.folder, 'models');
    app = scratch.file('app.py', pythonWithEval);
  });

  after(() => scratch.dispose());

  it('lists the catalog with each model state', async () => {
    const result = await capture(runModels, ['list', '--models-dir', modelsDir]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /codellama-7b-instruct-q4km .* missing/);
    const json = await capture(runModels, ['list', '--json', '--models-dir', modelsDir]);
    const models = JSON.parse(json.stdout) as { id: string; state: string }[];
    assert.equal(models.length, 9);
    assert.ok(models.every((model) => model.state === 'missing'));
  });

  it('says which models fit this machine and why', async () => {
    const result = await capture(runModels, ['fit', '--json', '--task', 'review', '--models-dir', modelsDir]);
    assert.equal(result.code, 0, result.stderr);
    const fit = JSON.parse(result.stdout) as { threads: { threads: number }; machine: { cores: number }; chain: { id: string; reason: string }[]; rejected: { id: string; reason: string }[] };
    assert.ok(fit.threads.threads >= 1 && fit.threads.threads <= fit.machine.cores);
    assert.equal(fit.chain.length + fit.rejected.length, 9);
    for (const entry of [...fit.chain, ...fit.rejected]) assert.ok(entry.reason.length > 5, entry.id);
    assert.ok(fit.rejected.some((entry) => entry.id === 'tinyllama-1.1b-chat-q4km' && /not meant for "review"/.test(entry.reason)));
    const text = await capture(runModels, ['fit', '--models-dir', modelsDir]);
    assert.match(text.stdout, /^This machine: .* RAM, \d+ cores/);
    assert.match(text.stdout, /Threads: \d+ \(auto: /);
  });

  it('reports usage mistakes with exit code 2', async () => {
    await assert.rejects(capture(runModels, ['download', 'no-such-model', '--models-dir', modelsDir]), /Unknown model "no-such-model"/);
    assert.equal((await capture(runModels, [])).code, 2);
    await assert.rejects(capture(runExplain, ['app.py']), /FILE:LINE/);
  });

  it('says nothing needs removing when a model is not downloaded', async () => {
    const result = await capture(runModels, ['remove', 'tinyllama-1.1b-chat-q4km', '--models-dir', modelsDir]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /not downloaded; nothing to remove/);
  });

  it('downloads a model with progress, then removes it', async () => {
    const server = await new FileServer(Buffer.alloc(300_000, 7)).start();
    try {
      const entry: Record<string, unknown> = { ...localEntry('mirror-model', ''), uri: server.url(), fileName: 'mirror-model.gguf', sizeBytes: 300_000, sizeIsApproximate: false };
      delete entry.path;
      const catalog = scratch.file('mirror-catalog.json', JSON.stringify({ models: [entry] }));
      const downloaded = await capture(runModels, ['download', 'mirror-model', '--catalog', catalog, '--models-dir', modelsDir]);
      assert.equal(downloaded.code, 0, downloaded.stderr);
      assert.equal(downloaded.stdout.trim(), join(modelsDir, 'mirror-model.gguf'));
      assert.match(downloaded.stderr, /only its size is checked/);
      assert.match(downloaded.stderr, /mirror-model: 100% /);
      const removed = await capture(runModels, ['remove', 'mirror-model', '--catalog', catalog, '--models-dir', modelsDir]);
      assert.match(removed.stdout, /^Removed mirror-model/);
      assert.ok(!existsSync(join(modelsDir, 'mirror-model.gguf')));
      server.plan.push({ kind: 'status', status: 404 });
      const missing = await capture(runModels, ['download', 'mirror-model', '--catalog', catalog, '--models-dir', modelsDir]);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /not found \(404\)/);
    } finally {
      await server.stop();
    }
  });

  it('streams an explanation of the finding from a local GGUF file', async () => {
    const result = await capture(runExplain, [`${app}:6`, '--model-file', scratch.tinyModel, '--chat-format', 'llama2', '--max-tokens', '24', '--models-dir', modelsDir]);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.trim().length > 0, 'some answer was streamed');
    assert.match(result.stderr, /\(local-file: 24 tokens at [\d.]+ tokens\/s; stopped at the token limit\)/);
  });

  it('falls back to the rule\'s own explanation when no model is available', async () => {
    const result = await capture(runExplain, [`${app}:6`, '--models-dir', modelsDir]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no model available; parse-based review continues/);
    assert.match(result.stderr, /Download one with: llama-review models download codellama-7b-instruct-q4km/);
    assert.match(result.stdout, /^eval-used \(CWE-95\): /);
    assert.match(result.stdout, /Do instead: /);
  });

  it('says where the findings are when the line has none', async () => {
    const result = await capture(runExplain, [`${app}:2`, '--models-dir', modelsDir]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no finding at .*app\.py:2\. Findings in this file are on lines 6\./);
  });
});
