// Downloading a model from the editor: progress in the status bar state, the file checked and in
// place, and then the model answers. The "server" is a loopback HTTP server inside the test.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { tinyModelBytes } from '../support/gguf';
import { FileServer } from '../support/modelServer';
import { tinyCatalogEntry } from '../support/tinyCatalogEntry';
import { resetModelSettings, scratch, testingApi, waitForTurn, type TestingApi } from './modelSupport';
import { closeAllEditors, openPython, updateSetting, waitFor } from './support';

describe('Model download', function () {
  this.timeout(180_000);
  let api: TestingApi;
  let server: FileServer;
  const body = tinyModelBytes({ seed: 7 });
  const folder = join(scratch, 'downloads');

  before(async () => {
    api = await testingApi();
    server = await new FileServer(body).start();
    mkdirSync(folder, { recursive: true });
    await updateSetting('llamaReview.model.modelsFolder', folder);
    await updateSetting('llamaReview.model.userModels', [
      tinyCatalogEntry({
        id: 'tiny-download',
        name: 'Tiny downloadable model',
        fileName: 'tiny-download.gguf',
        uri: server.url('/tiny-download.gguf'),
        sizeBytes: body.length,
        sizeIsApproximate: false,
      }),
    ]);
    await updateSetting('llamaReview.model.model', 'tiny-download');
    await updateSetting('llamaReview.model.threads', 1);
    await updateSetting('llamaReview.model.gpu', 'off');
    await updateSetting('llamaReview.model.contextSize', 2048);
    await updateSetting('llamaReview.model.explain.maxTokens', 100);
  });

  after(async () => {
    await api.chat.newChat();
    await resetModelSettings();
    await server.stop();
    await closeAllEditors();
  });

  it('shows the model as not downloaded, downloads it with progress, then answers with it', async () => {
    await waitFor('the status to say not downloaded', () => (api.models.state.kind === 'not-downloaded' && api.models.state.modelId === 'tiny-download' ? true : undefined));
    const states: string[] = [];
    const listener = api.models.onDidChangeState((state) => states.push(state.kind));
    try {
      assert.equal(await vscode.commands.executeCommand('llamaReview.downloadModel', 'tiny-download'), true);
    } finally {
      listener.dispose();
    }
    assert.ok(states.includes('downloading'), `states seen: ${states.join(', ')}`);
    const file = join(folder, 'tiny-download.gguf');
    assert.ok(existsSync(file));
    assert.equal(statSync(file).size, body.length);
    assert.ok(!existsSync(`${file}.partial`));
    assert.equal(api.models.state.kind, 'idle');

    const { document } = await openPython('app/download_explain.py', 'def run(expression):\n    return eval(expression)\n');
    const diagnostic = await waitFor('the eval finding', () => vscode.languages.getDiagnostics(document.uri).find((candidate) => candidate.message.includes('eval')));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const explain = actions.find((action) => action.title.startsWith('Explain eval-used'))!;
    await vscode.commands.executeCommand(explain.command!.command, ...explain.command!.arguments!);
    const answer = await waitForTurn(api, 'the answer', (turn) => turn.role === 'assistant' && turn.state !== 'streaming');
    assert.equal(answer.state, 'done');
    assert.deepEqual(api.models.state, { kind: 'ready', modelId: 'tiny-download' });
  });

  it('refuses an id it cannot download with one message', async () => {
    const before = api.messages.length;
    assert.equal(await vscode.commands.executeCommand('llamaReview.downloadModel', 'no-such-model'), false);
    assert.equal(api.messages.length, before + 1);
    assert.match(api.messages[before], /not a model Llama Review can download/);
  });
});
