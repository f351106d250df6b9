// The sidebar chat with the tiny test model: "explain" opens the chat and tokens stream in, Stop
// ends the stream, follow-ups continue the conversation, and neither code under review nor model
// output can run script in the page. Never asserts on wording: the tiny model writes gibberish.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { explainEval, resetModelSettings, testingApi, tinyModelName, useTinyModel, waitForTurn, type ModelStatusSeen, type TestingApi } from './modelSupport';
import { closeAllEditors, openPython, screenshot, screenshotsAvailable, updateSetting, waitFor } from './support';

const explainSource = `import json


def run_formula(expression, variables):
    """Evaluates a formula the user typed."""
    return eval(expression, {}, variables)
`;

describe('Chat', function () {
  this.timeout(240_000);
  let api: TestingApi;

  before(async () => {
    api = await testingApi();
    // Short answers, so that a follow-up still fits the tiny model's context beside the first one.
    await useTinyModel({ explainMaxTokens: 300 });
  });

  after(async () => {
    api.setAnswerOverride(undefined);
    await api.chat.newChat();
    await resetModelSettings();
    await closeAllEditors();
  });

  it('explain opens the chat and the answer streams in, then a follow-up continues the conversation', async () => {
    const { document } = await openPython('app/chat_explain.py', explainSource);
    const appendsBefore = api.chatView.posted.get('append') ?? 0;
    await explainEval(document);
    const answer = await waitForTurn(api, 'the explanation to finish', (turn) => turn.role === 'assistant' && turn.state !== 'streaming');
    assert.equal(answer.state, 'done', `the explanation ended as ${answer.state}: ${answer.text.slice(0, 200)}`);
    assert.ok(answer.text.length > 0);
    // Streaming: the text reached the page as many token messages, not one block at the end.
    const appends = (api.chatView.posted.get('append') ?? 0) - appendsBefore;
    assert.ok(appends > 1, `only ${appends} token messages reached the chat`);
    const [question] = api.chat.snapshot().turns;
    assert.equal(question.role, 'user');
    assert.match(question.text, /eval-used/);
    // The question shows the enclosing function with its line numbers (the flagged line is 6).
    assert.match(question.text, />\s*6 \| {5}return eval/);
    assert.doesNotMatch(question.text, /import json/, 'the whole file was sent instead of the enclosing function');

    const page = await api.chatView.probe();
    assert.equal(page.turns, 2);
    assert.ok(page.codeBlocks >= 1, 'the code block was not rendered');

    // Typed in the page and sent with its Send button.
    await api.chatView.press('send', 'Which line should change?');
    const followUp = await waitForTurn(api, 'the follow-up answer', (turn) => turn.role === 'assistant' && turn.id !== answer.id && turn.state !== 'streaming');
    assert.equal(followUp.state, 'done');
    const [cold, warm] = api.chat.timings.slice(-2);
    assert.equal(cold.kind, 'explain');
    assert.equal(warm.kind, 'follow-up');
    // Same conversation: the model's context holds the first exchange and grows with the second.
    assert.ok(warm.contextTokens > cold.contextTokens, `follow-up context ${warm.contextTokens} <= first ${cold.contextTokens}`);
    // ...and the follow-up does not evaluate the whole conversation again (the code stays in the
    // model's cache). The tiny model's byte-level gibberish re-tokenizes differently, so its own
    // answer is re-read; a real model's usually is not.
    assert.ok(warm.promptTokensEvaluated < cold.contextTokens, `follow-up evaluated ${warm.promptTokensEvaluated} prompt tokens of a ${cold.contextTokens}-token conversation`);
    console.log(
      `    time to first token, explain: cold ${cold.firstTextMs} ms (model prompt evaluation ${cold.modelFirstTokenMs} ms, ${cold.promptTokensEvaluated} prompt tokens), ` +
        `follow-up ${warm.firstTextMs} ms (${warm.modelFirstTokenMs} ms, ${warm.promptTokensEvaluated} prompt tokens)`,
    );
  });

  it('Stop ends the stream and the conversation goes on', async () => {
    // Long enough answers that Stop has something to stop.
    await updateSetting('llamaReview.model.explain.maxTokens', 900);
    const { document } = await openPython('app/chat_explain.py', explainSource);
    // Stop as soon as the first token arrives, with the page's Stop button.
    let stopped = false;
    let stoppedId = -1;
    let whileAnswering: ModelStatusSeen | undefined;
    const listener = api.chat.onDidPost((message) => {
      if (message.type === 'append' && !stopped) {
        stopped = true;
        whileAnswering = api.modelStatus();
        void api.chatView.press('stop');
      }
    });
    try {
      await explainEval(document);
      const answer = await waitForTurn(api, 'the stopped answer', (turn) => turn.role === 'assistant' && turn.state !== 'streaming');
      assert.equal(answer.state, 'stopped');
      stoppedId = answer.id;
    } finally {
      listener.dispose();
    }
    assert.equal(api.chat.snapshot().busy, false);
    const page = await api.chatView.probe();
    assert.equal(page.stopVisible, false, 'Stop is still shown after the answer stopped');
    // The model status bar item names the model while it answers and after Stop.
    assert.match(whileAnswering?.text ?? '', new RegExp(`${tinyModelName}: answering`));
    const afterStop = await waitFor('the model status to settle after Stop', () => (api.models.state.kind === 'ready' ? api.modelStatus() : undefined));
    assert.match(afterStop.text, new RegExp(tinyModelName));
    assert.match(afterStop.tooltip, /stopped/);
    assert.doesNotMatch(afterStop.accessibilityLabel, /\$\(/);

    await api.chatView.press('send', 'And now?');
    const next = await waitForTurn(api, 'the answer after Stop', (turn) => turn.role === 'assistant' && turn.id !== stoppedId && turn.state !== 'streaming');
    assert.equal(next.state, 'done');
  });

  it('replaces an answer still streaming when another finding is explained', async () => {
    const { document } = await openPython('app/chat_explain.py', explainSource);
    const firstToken = new Promise<void>((resolve) => {
      const listener = api.chat.onDidPost((message) => {
        if (message.type === 'append') {
          listener.dispose();
          resolve();
        }
      });
    });
    await explainEval(document);
    await firstToken;
    await explainEval(document);
    const answer = await waitForTurn(api, 'the second explanation', (turn) => turn.role === 'assistant' && turn.state !== 'streaming');
    assert.equal(answer.state, 'done');
    assert.equal(api.chat.snapshot().turns.length, 2);
    // The first answer's end (stopped) does not come back into the page.
    const page = await api.chatView.probe();
    assert.equal(page.turns, 2);
  });

  it('keeps the conversation while the view is hidden, and New chat empties it', async () => {
    const turns = api.chat.snapshot().turns.length;
    assert.ok(turns > 0);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.view.explorer');
    await vscode.commands.executeCommand('llamaReview.chat.focus');
    const shown = await waitFor('the page to show the conversation again', async () => {
      const probe = await api.chatView.probe();
      return probe.turns === turns ? probe : undefined;
    });
    assert.equal(shown.turns, turns);

    await api.chatView.press('newChat');
    await waitFor('the conversation to empty', () => (api.chat.snapshot().turns.length === 0 ? true : undefined));
    const page = await waitFor('the page to empty', async () => {
      const probe = await api.chatView.probe();
      return probe.turns === 0 ? probe : undefined;
    });
    assert.equal(page.turns, 0);
  });

  it('runs no script from the code under review or from model output', async () => {
    const payloadSource = [
      '# </code></pre><script>window.llamaReviewPayloadRan = true; document.title = "payload ran";</script>',
      'def run(expression):',
      '    banner = "<img src=x onerror=\\"window.llamaReviewPayloadRan = true\\">"',
      '    return eval(expression)',
      '',
    ].join('\n');
    const { document } = await openPython('app/chat_payload.py', payloadSource);
    // Model output goes through the same path as tokens; the tiny model cannot be asked to write this.
    api.setAnswerOverride(() =>
      [
        'The flagged line runs text as code. <script>window.llamaReviewPayloadRan = true;</script>',
        '<img src="x" onerror="window.llamaReviewPayloadRan = true"> <iframe src="https://example.com/"></iframe>',
        '[a link](javascript:window.llamaReviewPayloadRan=true) and ![image](https://example.com/track.png)',
        '',
        'Use a parser for literals instead:',
        '',
        '```python',
        'import ast',
        'value = ast.literal_eval(expression)',
        '```',
      ].join('\n'),
    );
    try {
      await explainEval(document);
      await waitForTurn(api, 'the forced answer', (turn) => turn.role === 'assistant' && turn.state === 'done');
    } finally {
      api.setAnswerOverride(undefined);
    }
    const page = await waitFor('the answer to render', async () => {
      const probe = await api.chatView.probe();
      return probe.codeBlocks >= 2 ? probe : undefined;
    });
    assert.equal(page.payloadRan, false, 'a payload ran in the chat page');
    assert.equal(page.dangerousElements, 0, 'the chat page holds script, image, frame or link elements from the content');
    // The payloads are shown as text, not dropped silently.
    assert.match(page.text, /<script>window\.llamaReviewPayloadRan/);
    assert.match(page.text, /<img src=x onerror/);

    if (screenshotsAvailable()) {
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await vscode.commands.executeCommand('llamaReview.chat.focus');
      assert.ok(existsSync(await screenshot('chat-view')));
    }
  });
});
