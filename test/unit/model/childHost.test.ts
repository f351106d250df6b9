import * as assert from 'node:assert/strict';
import { ChildProcessHost } from '../../../src/model/childHost';
import { ModelError } from '../../../src/model/errors';
import { loadRequestFor, ModelScratch, modelProcessScript, testEngineOptions } from '../../support/modelFixtures';

describe('model host in a child process', function () {
  this.timeout(120_000);
  let scratch: ModelScratch;
  let host: ChildProcessHost;
  const log: string[] = [];

  before(async () => {
    scratch = new ModelScratch();
    host = new ChildProcessHost({ scriptPath: modelProcessScript, engine: testEngineOptions, onLog: (_level, line) => log.push(line) });
    await host.load(loadRequestFor(scratch.tinyModel));
  });

  after(async () => {
    await host?.dispose();
    scratch?.dispose();
  });

  it('streams an answer from the child', async () => {
    const chunks: string[] = [];
    const result = await host.generate({ prompt: 'Explain this finding.', maxTokens: 16, temperature: 0 }, { onText: (text) => chunks.push(text) });
    assert.ok(chunks.length > 1, `expected several chunks, got ${chunks.length}`);
    assert.equal(chunks.join(''), result.text);
    assert.equal(result.outputTokens, 16);
    assert.ok(host.processId);
  });

  it('cancels a request in the child and keeps the child', async () => {
    const pid = host.processId;
    const controller = new AbortController();
    let chunks = 0;
    const running = host.generate(
      { prompt: 'A long answer, please.', maxTokens: 1500, contextSize: 2048 },
      { signal: controller.signal, onText: () => ++chunks === 2 && controller.abort() },
    );
    await assert.rejects(running, (error: unknown) => error instanceof ModelError && error.kind === 'aborted');
    assert.equal(host.processId, pid);
    const next = await host.generate({ prompt: 'Short.', maxTokens: 3 });
    assert.equal(next.outputTokens, 3);
  });

  it('brings errors back with their kind', async () => {
    const bad = scratch.badModels();
    await assert.rejects(host.load(loadRequestFor(bad.empty, { modelId: 'empty' })), (error: unknown) => error instanceof ModelError && error.kind === 'bad-file' && /empty/.test(error.message));
    await host.load(loadRequestFor(scratch.tinyModel));
  });

  it('fails the pending request when the child is killed mid-generation, then serves the next one from a new child', async () => {
    const firstPid = host.processId!;
    let killed = false;
    const running = host.generate(
      { prompt: 'Keep talking.', maxTokens: 1500, contextSize: 2048 },
      {
        onText: () => {
          if (!killed) {
            killed = true;
            process.kill(firstPid, 'SIGKILL');
          }
        },
      },
    );
    await assert.rejects(running, (error: unknown) => {
      assert.ok(error instanceof ModelError);
      assert.equal(error.kind, 'host-exited');
      assert.match(error.message, /model process was killed by SIGKILL while generating an answer\. The next request starts a new one\./);
      return true;
    });
    const result = await host.generate({ prompt: 'Are you back?', maxTokens: 4 });
    assert.equal(result.outputTokens, 4);
    assert.equal(result.modelId, 'tiny', 'the new child reloaded the model');
    assert.notEqual(host.processId, firstPid);
  });

  it('fails clearly when the child script is missing', async () => {
    const lines: string[] = [];
    const broken = new ChildProcessHost({ scriptPath: `${modelProcessScript}.missing.js`, engine: testEngineOptions, onLog: (_level, line) => lines.push(line) });
    await assert.rejects(broken.load(loadRequestFor(scratch.tinyModel)), (error: unknown) => error instanceof ModelError && error.kind === 'host-exited' && /exited with code 1 while loading the model/.test(error.message));
    assert.ok(lines.some((line) => /Cannot find module/.test(line)), 'the child\'s error reaches the log');
    await broken.dispose();
  });
});
