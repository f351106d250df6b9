// With no model anywhere, every model command tells the user once, clearly, and parse-based
// review keeps working.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { newMessages, resetModelSettings, testingApi, useNoModel, waitForTurn, type TestingApi } from './modelSupport';
import { closeAllEditors, evalAt, noneComparisonAt, openPython, waitFor, waitForDiagnostics } from './support';

describe('No model available', function () {
  this.timeout(120_000);
  let api: TestingApi;

  before(async () => {
    api = await testingApi();
    await useNoModel();
  });

  after(async () => {
    await api.chat.newChat();
    await resetModelSettings();
    await closeAllEditors();
  });

  async function oneMessageFrom(run: () => Thenable<unknown>): Promise<string> {
    const before = api.messages.length;
    await run();
    const [message, ...more] = await newMessages(api, before);
    // Later messages would come from the same failure; give them the time a second one would take.
    await waitFor('the status bar state', () => (api.models.state.kind !== 'loading' ? true : undefined));
    assert.deepEqual(more, [], `more than one message: ${api.messages.slice(before).join(' | ')}`);
    assert.match(message, /model/i);
    assert.doesNotMatch(message, /\n\s+at /, 'the message holds a stack trace');
    return message;
  }

  it('explain says so once in a message and in the chat; parse diagnostics stay', async () => {
    const { document } = await openPython('app/review_me.py');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(expression, {}, variables)'), noneComparisonAt(document, 'value == None')]);
    const diagnostic = vscode.languages.getDiagnostics(document.uri).find((candidate) => candidate.message.includes('eval'))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const explain = actions.find((action) => action.title.startsWith('Explain eval-used'))!;
    const message = await oneMessageFrom(() => vscode.commands.executeCommand(explain.command!.command, ...explain.command!.arguments!));
    assert.match(message, /Parse-based review keeps working/);
    const turn = await waitForTurn(api, 'the chat to say why', (candidate) => candidate.role === 'assistant' && candidate.state !== 'streaming');
    assert.equal(turn.state, 'error');
    await waitFor('the status bar to say the model is not downloaded', () => (api.models.state.kind === 'not-downloaded' ? true : undefined));
    assert.match(api.modelStatus().text, /: not downloaded$/);
    // Parse-based review still works on an edited file.
    const edited = await openPython('app/no_model_edit.py', 'def check(value):\n    return value == None\n');
    await waitForDiagnostics(edited.document.uri, [noneComparisonAt(edited.document, 'value == None')]);
  });

  it('answers in the chat with the ways to get a model, and its Choose Model button opens the picker', async () => {
    const { document } = await openPython('app/review_me.py');
    const diagnostic = await waitFor('the eval finding', () => vscode.languages.getDiagnostics(document.uri).find((candidate) => candidate.message.includes('eval')));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const explain = actions.find((action) => action.title.startsWith('Explain eval-used'))!;
    await oneMessageFrom(() => vscode.commands.executeCommand(explain.command!.command, ...explain.command!.arguments!));
    const notificationButtons = api.messageButtons[api.messageButtons.length - 1];
    const turn = await waitForTurn(api, 'the chat to answer', (candidate) => candidate.role === 'assistant' && candidate.state !== 'streaming');
    const offered = (turn.actions ?? []).map((action) => action.id);
    // Download comes first when a recommended model can be downloaded; choosing and a file of one's own always.
    assert.deepEqual(offered.filter((id) => id !== 'downloadRecommendedModel'), ['chooseModel', 'useModelFile']);
    assert.ok(offered.indexOf('downloadRecommendedModel') <= 0, `download is not the first button: ${offered.join(', ')}`);
    // The notification offers the same buttons.
    assert.deepEqual(notificationButtons, (turn.actions ?? []).map((action) => action.label));
    const page = await waitFor('the buttons to render', async () => {
      const probe = await api.chatView.probe();
      return probe.actions.length === offered.length ? probe : undefined;
    });
    assert.deepEqual(page.actions, offered);
    assert.equal(page.dangerousElements, 0);

    // The page's own button runs the Choose Model command: its picker opens.
    const picksBefore = api.picks.length;
    await api.chatView.pressAction('chooseModel');
    const pick = await waitFor('the Choose Model picker', () => api.picks.slice(picksBefore).find((candidate) => candidate.title === 'Llama Review: Choose Model'));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const models = pick.items.filter((item) => / GB/.test(item.description ?? ''));
    assert.ok(models.length >= 5, `only ${models.length} models in the picker`);
    // The recommended model first (when one fits), then those that fit, then those too large.
    const recommended = models.filter((item) => /recommended/.test(item.description!));
    assert.ok(recommended.length <= 1);
    if (recommended.length === 1) assert.equal(models[0], recommended[0]);
    assert.equal(recommended.length === 1 && /fits this machine/.test(recommended[0].description!), offered.includes('downloadRecommendedModel'), 'the download button goes with a recommended model still to download');
    const tooLarge = models.map((item) => /too large for this machine \(needs \d+(\.\d)? GB\)/.test(item.description!));
    assert.deepEqual(tooLarge, [...tooLarge].sort(), `a model that fits comes after one too large: ${models.map((item) => item.description).join(' | ')}`);
    for (const item of models) assert.match(item.description!, /^~?\d+(\.\d)? GB · (recommended · )?(downloaded|local file|file missing|fits this machine|too large for this machine)/, item.label);
    assert.ok(pick.items.some((item) => /GGUF File/.test(item.label)), 'the picker offers a GGUF file of ones own');
  });

  it('fix, review and docstring each give one clear message', async () => {
    const editor = await openPython('app/review_me.py');
    editor.selection = new vscode.Selection(9, 4, 9, 4);
    await oneMessageFrom(() => vscode.commands.executeCommand('llamaReview.reviewFunction'));
    await oneMessageFrom(() => vscode.commands.executeCommand('llamaReview.generateDocstring'));
    editor.selection = new vscode.Selection(9, 0, 10, 0);
    await oneMessageFrom(() => vscode.commands.executeCommand('llamaReview.fixWithModel'));
  });
});
