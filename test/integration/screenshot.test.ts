// Screenshots saved as test artifacts: the editor with a squiggle and the Problems panel, the
// rule documentation view, and what a new user without a model meets: the chat and Choose Model.
// Only where the launcher answers screenshot requests (code-server); a desktop VS Code skips them.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { resetModelSettings, testingApi, useNoModel, type TestingApi } from './modelSupport';
import { closeAllEditors, evalAt, noneComparisonAt, openPython, screenshot, waitFor, waitForDiagnostics } from './support';

describe('Screenshot', () => {
  before(function () {
    if (!process.env.LLAMA_REVIEW_SCREENSHOT_SERVER || !process.env.LLAMA_REVIEW_SCREENSHOTS) this.skip();
  });

  it('shows the editor with a squiggle and the Problems panel', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
    const editor = await openPython('app/review_me.py');
    const { document } = editor;
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(expression, {}, variables)'), noneComparisonAt(document, 'value == None')]);
    const [line, column] = evalAt(document, 'eval(expression, {}, variables)').range;
    editor.selection = new vscode.Selection(line, column, line, column);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    // The hover shows the finding's message and its rule link over the squiggle.
    await vscode.commands.executeCommand('editor.action.showHover');
    const png = await screenshot('editor-with-findings');
    assert.ok(existsSync(png));
  });

  it('shows the rule documentation view', async () => {
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
    await openPython('app/review_me.py');
    assert.equal(await vscode.commands.executeCommand('llamaReview.showRuleDocumentation', 'eval-used'), true);
    // It opens beside the editor, keeping the focus there.
    await waitFor('the documentation tab to show', () =>
      vscode.window.tabGroups.all.some(({ activeTab }) => activeTab?.input instanceof vscode.TabInputCustom && activeTab.input.uri.path.endsWith('/eval-used'))
        ? true
        : undefined,
    );
    assert.ok(existsSync(await screenshot('rule-documentation')));
  });

  describe('with no model available', () => {
    let api: TestingApi;

    before(async () => {
      api = await testingApi();
      await useNoModel();
      await closeAllEditors();
      await vscode.commands.executeCommand('workbench.action.closePanel');
    });

    after(async () => {
      await resetModelSettings();
    });

    it('shows the chat answering an Explain with the ways to get a model', async () => {
      await api.chat.newChat();
      await waitFor('the status to say no model is there', () => (['not-downloaded', 'unavailable'].includes(api.models.state.kind) ? true : undefined));
      const { document } = await openPython('app/review_me.py');
      const diagnostic = await waitFor('the eval finding', () => vscode.languages.getDiagnostics(document.uri).find((candidate) => candidate.message.includes('eval')));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
      const explain = actions.find((action) => action.title.startsWith('Explain eval-used'))!;
      await vscode.commands.executeCommand(explain.command!.command, ...explain.command!.arguments!);
      // The probe opens the chat and answers once the page listens: wait for the answer's buttons.
      await waitFor('the no-model buttons in the chat', async () => ((await api.chatView.probe()).actions.length >= 2 ? true : undefined));
      assert.ok(existsSync(await screenshot('no-model-chat')));
    });

    it('shows the Choose Model quick pick', async () => {
      // Not awaited: the command settles when the quick pick closes.
      const choosing = vscode.commands.executeCommand('llamaReview.chooseModel');
      try {
        const png = await screenshot('choose-model', { waitForSelector: '.quick-input-widget:has-text("Choose Model") .quick-input-list .monaco-list-row' });
        assert.ok(existsSync(png));
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        await choosing;
      }
    });
  });
});
