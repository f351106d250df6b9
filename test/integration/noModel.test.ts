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
    // Parse-based review still works on an edited file.
    const edited = await openPython('app/no_model_edit.py', 'def check(value):\n    return value == None\n');
    await waitForDiagnostics(edited.document.uri, [noneComparisonAt(edited.document, 'value == None')]);
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
