// The model in VS Code's own chat: the language model other extensions and the model picker get
// (streamed by the tiny real model, stopped by a cancellation token), @llama-review answering in
// VS Code's chat view, and the extension going without those APIs where VS Code lacks them.
// Never asserts on wording: the tiny model writes gibberish, and forced answers stand in where a
// test needs known text.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { resetModelSettings, testingApi, tinyModelId, useNoModel, useTinyModel, waitForTurn, type ChatResponseSeen, type TestingApi } from './modelSupport';
import { closeAllEditors, openPython, updateSetting, waitFor } from './support';

const vendor = 'llama-review';

const source = `import json


def run_formula(expression, variables):
    """Evaluates a formula the user typed."""
    return eval(expression, {}, variables)
`;
const evalLine = 5;

/**
 * Sends `query` through VS Code's chat view with the extension's model chosen: at once, or typed
 * into the chat's input first and then submitted, as from the keybinding the README suggests.
 */
async function askInChatView(api: TestingApi, query: string, how: 'at once' | 'typed' = 'at once'): Promise<ChatResponseSeen> {
  const from = api.vscodeChat.responses.length;
  if (how === 'at once') {
    await vscode.commands.executeCommand('workbench.action.chat.open', { query, isPartialQuery: false, modelSelector: { vendor, id: vendor } });
  } else {
    await vscode.commands.executeCommand('workbench.action.chat.open', { query, isPartialQuery: true, modelSelector: { vendor } });
    await vscode.commands.executeCommand('workbench.action.chat.submit');
  }
  return waitFor(`@llama-review to answer "${query}"`, () => {
    const seen = api.vscodeChat.responses[from];
    return seen && (seen.result || seen.error) ? seen : undefined;
  }, 90_000);
}

function markdownOf(seen: ChatResponseSeen): string[] {
  return seen.parts.filter((part) => part.kind === 'markdown').map((part) => part.text);
}

describe('VS Code chat', function () {
  this.timeout(240_000);
  let api: TestingApi;

  before(async () => {
    api = await testingApi();
    await useTinyModel();
    // The test profile turns VS Code's AI features off, which hides the chat view.
    await updateSetting('chat.disableAIFeatures', false);
  });

  after(async () => {
    api.setAnswerOverride(undefined);
    await updateSetting('chat.disableAIFeatures', undefined);
    await resetModelSettings();
    await closeAllEditors();
  });

  it('offers the model to vscode.lm: it streams the local model in fragments, and a cancellation token stops it', async () => {
    api.setAnswerOverride(undefined);
    const models = await vscode.lm.selectChatModels({ vendor });
    assert.equal(models.length, 1, `models of vendor ${vendor}: ${models.map((model) => model.id).join(', ')}`);
    const [model] = models;
    assert.equal(model.vendor, vendor);
    assert.ok(model.maxInputTokens > 0);
    assert.ok((await model.countTokens('def f(x):\n    return eval(x)\n')) > 0);

    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('What does eval do with its argument?')]);
    const fragments: string[] = [];
    for await (const fragment of response.text) fragments.push(fragment);
    assert.ok(fragments.length > 1, `the answer came in ${fragments.length} fragment(s)`);
    assert.ok(fragments.join('').length > 0);
    // The tiny model answered, not a stand-in.
    assert.deepEqual({ kind: api.models.state.kind, modelId: api.models.state.modelId }, { kind: 'ready', modelId: tinyModelId });

    // Long enough that cancelling has something to stop.
    await updateSetting('llamaReview.model.explain.maxTokens', 900);
    const cancel = new vscode.CancellationTokenSource();
    const stopped = await model.sendRequest([vscode.LanguageModelChatMessage.User('Explain eval at length.')], {}, cancel.token);
    let received = 0;
    for await (const fragment of stopped.text) {
      if (fragment) received++;
      cancel.cancel();
    }
    assert.ok(received >= 1);
    const state = await waitFor('the model to say the answer was stopped', () => (api.models.state.kind === 'ready' || api.models.state.kind === 'failed' ? api.models.state : undefined));
    assert.deepEqual(state, { kind: 'ready', modelId: tinyModelId, stopped: true });
  });

  it("answers @llama-review /explain in VS Code's chat view for the finding at the cursor, then a question with the chat's history", async () => {
    await updateSetting('llamaReview.model.explain.maxTokens', 400);
    const forced = 'The argument is evaluated as Python code, so whoever controls it runs code here.';
    const asked: string[] = [];
    api.setAnswerOverride((prompt) => {
      asked.push(prompt.prompt);
      return forced;
    });
    const editor = await openPython('app/vscode_chat.py', source);
    await waitFor('the eval-used finding', () => vscode.languages.getDiagnostics(editor.document.uri).find((diagnostic) => diagnostic.message.includes('eval')));
    editor.selection = new vscode.Selection(evalLine, 12, evalLine, 12);

    const explained = await askInChatView(api, '@llama-review /explain');
    assert.equal(explained.error, undefined);
    assert.equal(explained.command, 'explain');
    assert.equal(explained.result?.metadata?.command, 'explain');
    assert.equal(explained.result?.errorDetails, undefined);
    const [header, ...answer] = markdownOf(explained);
    // The finding, its line, and the enclosing function with the flagged line marked, before the answer.
    assert.match(header, new RegExp(`\\*\\*eval-used\\*\\* at line ${evalLine + 1}`));
    assert.match(header, />\s*6 \| {5}return eval/);
    assert.doesNotMatch(header, /import json/, 'the whole file was shown instead of the enclosing function');
    assert.ok(answer.length > 1, `the answer came in ${answer.length} part(s)`);
    assert.equal(answer.join(''), forced);
    assert.ok(explained.parts.some((part) => part.kind === 'reference' && part.text.includes('vscode_chat.py')), 'no reference to the file');
    // The model was asked with the finding's grounding (rule, line, numbered code).
    assert.match(asked.at(-1) ?? '', /Rule: eval-used/);
    assert.match(asked.at(-1) ?? '', /Why was line 6 flagged/);

    const followUp = await askInChatView(api, '@llama-review Is the second argument safe?', 'typed');
    assert.equal(followUp.command, undefined);
    assert.deepEqual(
      followUp.history.map((turn) => turn.role),
      ['user', 'assistant'],
      `history: ${JSON.stringify(followUp.history).slice(0, 300)}`,
    );
    // The follow-up carries what the model was asked for /explain (the code), not just the command.
    assert.match(followUp.history[0].text, /Rule: eval-used/);
    assert.match(followUp.history[0].text, />\s*6 \| {5}return eval/);
    assert.ok(followUp.history[1].text.includes(forced), 'the explanation is not in the history');
    // A question without a selection is about the active file, sent with its numbered lines.
    assert.match(asked.at(-1) ?? '', /File: app\/vscode_chat\.py/);
    assert.match(asked.at(-1) ?? '', />?\s*6 \| {5}return eval/);
    assert.match(asked.at(-1) ?? '', /Question: Is the second argument safe\?/);
    assert.equal(markdownOf(followUp).join(''), forced);
  });

  it('says what to do when there is no finding at the cursor, without asking the model', async () => {
    let asked = 0;
    api.setAnswerOverride(() => {
      asked++;
      return 'unused';
    });
    const editor = await openPython('app/vscode_chat.py', source);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const seen = await askInChatView(api, '@llama-review /explain');
    assert.equal(seen.command, 'explain');
    assert.match(markdownOf(seen).join(''), /no Llama Review finding at the cursor/);
    assert.equal(asked, 0);
  });

  it("/fix starts the previewed fix of the finding at the cursor, /review puts the model's findings in the Problems panel", async () => {
    const fixed = ['```python', 'def run_formula(expression, variables):', '    """Evaluates a formula the user typed."""', '    return ast.literal_eval(expression)', '```'];
    const reviewed = { findings: [{ line: 5, kind: 'business-logic', cwe: 20, message: 'The docstring does not say which formulas are allowed.', evidence: '"""Evaluates a formula the user typed."""' }] };
    api.setAnswerOverride((prompt) => (prompt.task === 'fix' ? fixed.join('\n') : prompt.task === 'review' ? JSON.stringify(reviewed) : undefined));
    const editor = await openPython('app/vscode_chat_fix.py', source);
    await waitFor('the eval-used finding', () => vscode.languages.getDiagnostics(editor.document.uri).find((diagnostic) => diagnostic.message.includes('eval')));
    editor.selection = new vscode.Selection(evalLine, 12, evalLine, 12);
    try {
      const fix = await askInChatView(api, '@llama-review /fix');
      assert.match(markdownOf(fix).join(''), new RegExp(`fix of \\*\\*eval-used\\*\\* at line ${evalLine + 1}`));
      const proposal = await waitFor('the proposed fix to show as a diff', () =>
        vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === 'llama-review-proposal'),
      );
      assert.match(proposal.label, /parses, and eval-used is gone/);
      assert.equal(editor.document.getText(), source, 'the file changed before the fix was accepted');
    } finally {
      await vscode.commands.executeCommand('llamaReview.rejectProposal');
    }

    const again = await vscode.window.showTextDocument(editor.document);
    again.selection = new vscode.Selection(3, 0, 6, 0);
    const review = await askInChatView(api, '@llama-review /review');
    assert.match(markdownOf(review).join(''), /found 1 problem.*\n\n- line 5: /s);
    const fromModel = vscode.languages.getDiagnostics(editor.document.uri).filter((diagnostic) => diagnostic.source === 'Llama Review (model)');
    assert.deepEqual(fromModel.map((diagnostic) => diagnostic.range.start.line), [4]);
    await vscode.commands.executeCommand('llamaReview.clearModelDiagnostics');
  });

  it('without a model, says so with the way forward: buttons in the chat, the same text to other extensions', async () => {
    api.setAnswerOverride(undefined);
    await useNoModel();
    try {
      await openPython('app/vscode_chat.py', source);
      const seen = await askInChatView(api, '@llama-review What does this file do?');
      assert.match(markdownOf(seen).join(''), /No local model is available to answer/);
      const buttons = seen.parts.filter((part) => part.kind === 'button').map((part) => part.text);
      assert.ok(buttons.includes('Choose Model…') && buttons.includes('Use a GGUF File…'), `buttons: ${buttons.join(', ')}`);

      const [model] = await vscode.lm.selectChatModels({ vendor });
      let failure = '';
      try {
        const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Hello?')]);
        for await (const fragment of response.text) assert.fail(`an answer arrived without a model: ${fragment}`);
      } catch (error) {
        failure = (error as Error).message;
      }
      assert.match(failure, /No local model is available to answer/);
    } finally {
      await useTinyModel();
    }
  });

  it("goes without VS Code's chat APIs where they are missing: one info line, nothing registered, and the sidebar chat answers", async () => {
    const bare = api.vscodeChat.registerWith({ version: '1.90.0' });
    assert.equal(bare.registered, 0);
    assert.match(bare.notice ?? '', /^This VS Code \(1\.90\.0\) lacks the language model provider API .* and the chat participant API/);

    // A VS Code with participants but no language model providers gets the participant only.
    const created: string[] = [];
    const partial = api.vscodeChat.registerWith({
      version: '1.95.0',
      lm: { selectChatModels: () => Promise.resolve([]) },
      chat: { createChatParticipant: (id: string) => (created.push(id), { id, dispose: () => undefined }) },
    });
    assert.equal(partial.registered, 1);
    assert.deepEqual(created, ['llama-review.chat']);
    assert.match(partial.notice ?? '', /lacks the language model provider API/);
    assert.doesNotMatch(partial.notice ?? '', /participant/);

    const forced = 'The sidebar chat still answers.';
    api.setAnswerOverride(() => forced);
    await api.chat.newChat();
    await api.chat.ask('What does this file do?');
    const answer = await waitForTurn(api, 'the sidebar answer', (turn) => turn.role === 'assistant' && turn.state !== 'streaming');
    assert.equal(answer.state, 'done');
    assert.equal(answer.text, forced);
  });
});
