import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { Catalog } from '../../../../src/model/catalog';
import { ChildProcessHost } from '../../../../src/model/childHost';
import { LocalProvider } from '../../../../src/model/localProvider';
import { OpenAiProvider } from '../../../../src/model/openai/openAiProvider';
import type { ModelProvider } from '../../../../src/model/provider';
import { ProviderRouter } from '../../../../src/model/providerRouter';
import { ModelRuntime } from '../../../../src/model/runtime';
import type { ModelSettings, ServerSettings } from '../../../../src/model/settings';
import { ModelStore } from '../../../../src/model/store';
import { ChatServer, requireKey, streamedAnswer } from '../../../support/chatServers';
import { LlamaServer } from '../../../support/llamaServer';
import { localEntry, ModelScratch, modelProcessScript, testEngineOptions } from '../../../support/modelFixtures';
import { closedPort } from '../../../support/modelServer';
import { modelError, providerSettings, question } from '../../../support/providerFixtures';

describe('openai provider behind the router: falling back to the local model', function () {
  this.timeout(120_000);
  let scratch: ModelScratch;
  let host: ChildProcessHost;
  let local: LocalProvider;
  const routers: ProviderRouter[] = [];

  before(() => {
    scratch = new ModelScratch();
    // The local model in a child process, as in the editor. (An engine in this process would also
    // work, but llama.cpp's log callback is process-wide: a second in-process engine started by a
    // later test file would no longer see llama.cpp's load-failure reasons.)
    host = new ChildProcessHost({ scriptPath: modelProcessScript, engine: testEngineOptions });
    const settings = providerSettings({});
    local = new LocalProvider(new ModelRuntime({ host, catalog: new Catalog([localEntry('tiny', scratch.tinyModel)]), store: new ModelStore(join(scratch.folder, 'models')), settings }), host);
  });

  after(async () => {
    await host?.dispose();
    scratch?.dispose();
  });

  afterEach(async () => {
    // The local provider outlives each router (it holds the loaded model); only the server providers go.
    await Promise.all(routers.splice(0).map((router) => router.running('openai')?.dispose()));
  });

  function route(server: Partial<ServerSettings>, overrides: Partial<ModelSettings> = {}, maxTokens = 16): ProviderRouter {
    const settings = providerSettings(server, maxTokens, { provider: 'openai', ...overrides });
    const openai = new OpenAiProvider(settings);
    const router = new ProviderRouter(settings, (kind): ModelProvider => (kind === 'openai' ? openai : local));
    routers.push(router);
    return router;
  }

  it('answers with the local model when the server refuses the connection, and says so', async () => {
    const router = route({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1` });
    const chunks: string[] = [];
    const answer = await router.ask({ prompt: question('Why is eval dangerous?') }, { onText: (text) => chunks.push(text) });
    assert.equal(answer.provider.kind, 'local');
    assert.equal(answer.modelId, 'tiny');
    assert.equal(answer.fellBack?.from.kind, 'openai');
    assert.match(answer.fellBack!.reason, /refused the connection/);
    assert.equal(chunks.join(''), answer.text);
  });

  it('answers with the local model when the server dies mid-answer', async () => {
    const doomed = await LlamaServer.start({ modelPath: scratch.tinyModel });
    try {
      const router = route({ baseUrl: doomed.baseUrl }, {}, 800);
      let killed = false;
      let shown = '';
      let fallbacks = 0;
      const answer = await router.ask(
        { prompt: question('Write a long answer.') },
        {
          onText: (text) => {
            shown += text;
            if (!killed) doomed.child.kill('SIGKILL');
            killed = true;
          },
          // What the caller shows starts over with the local model's answer.
          onFallback: () => {
            fallbacks++;
            shown = '';
          },
        },
      );
      assert.equal(killed, true);
      assert.equal(fallbacks, 1);
      assert.equal(shown, answer.text, 'after the restart, the text shown is the local answer alone');
      assert.equal(answer.provider.kind, 'local');
      assert.match(answer.fellBack!.reason, /closed the connection mid-answer/);
      assert.match(answer.fellBack!.from.label, new RegExp(`127\\.0\\.0\\.1:${doomed.port}`));
    } finally {
      await doomed.stop();
    }
  });

  it('does not fall back from a rejected key: that is a setting to fix', async () => {
    const server = await new ChatServer(requireKey('right-key', streamedAnswer())).start();
    try {
      const router = route({ baseUrl: server.baseUrl, apiKey: 'wrong-key' });
      await assert.rejects(router.ask({ prompt: question('Hello?') }), modelError('rejected', /API key/));
      assert.equal(router.running('local'), undefined);
    } finally {
      await server.stop();
    }
  });

  it('does not fall back when fallback is none', async () => {
    const router = route({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1` }, { fallback: 'none' });
    await assert.rejects(router.ask({ prompt: question('Hello?') }), modelError('unreachable', /refused/));
  });
});
