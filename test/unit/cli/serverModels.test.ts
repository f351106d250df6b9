// `llama-review models list --base-url` and `explain --base-url` against a real llama-server
// serving the tiny GGUF: the server's models are listed after the catalog, explain streams from
// the server and names it, and a server that is not there is reported, not hung on.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, LlamaServer } from '../../support/llamaServer';
import { ModelScratch } from '../../support/modelFixtures';
import { runCli } from '../../support/runCli';

describe('CLI with a team server (llama-server)', function () {
  this.timeout(120_000);
  let scratch: ModelScratch;
  let server: LlamaServer;
  const folder = mkdtempSync(join(tmpdir(), 'llama-review-cli-server-'));

  before(async () => {
    scratch = new ModelScratch();
    server = await LlamaServer.start({ modelPath: scratch.tinyModel, alias: 'tiny-remote', contextSize: 2048 });
    writeFileSync(join(folder, 'app.py'), 'def run(expression):\n    return eval(expression)\n');
  });

  after(async () => {
    await server.stop();
    scratch.dispose();
  });

  it('lists the server\'s models after the catalog, also as JSON', async () => {
    const text = await runCli(['models', 'list', '--base-url', server.baseUrl], folder);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`OpenAI-compatible server at 127\\.0\\.0\\.1:${server.port}:\\n  tiny-remote\\n`));
    const json = await runCli(['models', 'list', '--json', '--base-url', server.baseUrl], folder);
    const parsed = JSON.parse(json.stdout) as { catalog: unknown[]; server: { models: string[] } };
    assert.ok(parsed.catalog.length > 0);
    assert.deepEqual(parsed.server.models, ['tiny-remote']);
  });

  it('says why a server\'s models cannot be listed, and still lists the catalog', async () => {
    const result = await runCli(['models', 'list', '--base-url', `http://127.0.0.1:${await freePort()}/v1`], folder);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /cannot list its models: .*refused/);
  });

  it('explains a finding with the server\'s model and names the server', async () => {
    const result = await runCli(['explain', 'app.py:2', '--base-url', server.baseUrl, '--max-tokens', '8'], folder);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.trim().length > 0, 'the answer was printed');
    assert.match(result.stderr, new RegExp(`\\(tiny-remote at OpenAI-compatible server at 127\\.0\\.0\\.1:${server.port}: 8 tokens`));
    assert.doesNotMatch(result.stderr, /sent to that machine/, 'a loopback server keeps the code on this machine');
  });
});
