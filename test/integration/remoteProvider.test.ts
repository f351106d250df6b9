// The model features through a real OpenAI-compatible server (llama-server, built from
// node-llama-cpp's llama.cpp sources, serving the tiny test GGUF on loopback): Explain streams
// from the server, the chat and status bar say where answers come from, and a server that is gone
// falls back to the local model. Never asserts on wording: the tiny model writes gibberish.
import * as assert from 'node:assert/strict';
import { LlamaServer } from '../support/llamaServer';
import { explainEval, resetModelSettings, testingApi, tinyModel, useTinyModel, waitForTurn, type TestingApi } from './modelSupport';
import { closeAllEditors, openPython, updateSetting } from './support';

const source = `def run_formula(expression, variables):
    return eval(expression, {}, variables)
`;

describe('A team server (OpenAI-compatible)', function () {
  this.timeout(240_000);
  let api: TestingApi;
  let server: LlamaServer;

  before(async () => {
    api = await testingApi();
    server = await LlamaServer.start({ modelPath: tinyModel(), alias: 'tiny-remote', contextSize: 2048 });
    // The local model stays configured: it is where a failed server falls back to.
    await useTinyModel({ explainMaxTokens: 48 });
    await updateSetting('llamaReview.model.provider', 'openai');
    await updateSetting('llamaReview.server.baseUrl', server.baseUrl);
    await updateSetting('llamaReview.server.connectTimeoutSeconds', 5);
  });

  after(async () => {
    await api.chat.newChat();
    await resetModelSettings();
    await closeAllEditors();
    await server.stop('SIGKILL');
  });

  it('explains a finding with the server model, streamed, and says the code stays on this machine (loopback)', async () => {
    const { document } = await openPython('app/remote_explain.py', source);
    const appendsBefore = api.chatView.posted.get('append') ?? 0;
    await explainEval(document);
    const answer = await waitForTurn(api, 'the explanation to finish', (turn) => turn.role === 'assistant' && turn.state !== 'streaming');
    assert.equal(answer.state, 'done', `the explanation ended as ${answer.state}: ${answer.text.slice(0, 200)}`);
    assert.match(answer.note ?? '', /^tiny-remote at 127\.0\.0\.1:\d+/, `the note names the server's model and host: ${answer.note}`);
    assert.ok((api.chatView.posted.get('append') ?? 0) - appendsBefore > 1, 'the answer streamed in more than one message');
    assert.match(api.chat.snapshot().privacy, /OpenAI-compatible server at 127\.0\.0\.1:\d+, on this machine/);
    assert.match(api.modelStatus().tooltip, /OpenAI-compatible server at 127\.0\.0\.1/);
  });

  it('falls back to the local model when the server is gone, and the note says why', async () => {
    await server.stop('SIGKILL');
    await api.chat.newChat();
    const { document } = await openPython('app/remote_fallback.py', source);
    await explainEval(document);
    const answer = await waitForTurn(api, 'the fallback explanation to finish', (turn) => turn.role === 'assistant' && turn.state !== 'streaming');
    assert.equal(answer.state, 'done', `the explanation ended as ${answer.state}: ${answer.text.slice(0, 200)}`);
    assert.match(answer.note ?? '', /^tiny-test, because OpenAI-compatible server at 127\.0\.0\.1:\d+ could not answer/, `note: ${answer.note}`);
  });
});
