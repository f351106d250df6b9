// Model-backed edits with the tiny test model: a fix shows as a diff and changes the
// file only when accepted (marked when it does not parse or keeps the finding, rejected when it
// has NUL bytes or reaches outside its statement); its notice closes once it is decided; a
// docstring arrives the same way. The model security review has its own suite (securityReview.test.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { useTinyModelSuite, type TestingApi } from './modelSupport';
import { openPython, screenshot, screenshotsAvailable, waitFor } from './support';

const source = `def run_formula(expression, variables):
    total = 0
    for name in variables:
        total += len(name)
    return eval(expression, {}, variables)


def describe(value):
    return str(value)
`;

/** Module-level code: a fix of the eval on line 5 rewrites that statement only. */
const moduleSource = `import ast
from app_config import load_config

CONFIG = load_config()
settings = eval(CONFIG)


def describe(value):
    return str(value)
`;

const proposalScheme = 'llama-review-proposal';

function proposalTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === proposalScheme);
}

async function evalFinding(document: vscode.TextDocument): Promise<{ uri: vscode.Uri; finding: unknown }> {
  const action = await waitFor('the fix-with-model action', async () => {
    const diagnostic = vscode.languages.getDiagnostics(document.uri).find((candidate) => candidate.message.includes('eval'));
    if (!diagnostic) return undefined;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    return actions.find((candidate) => candidate.title.startsWith('Fix eval-used with the local model'));
  });
  assert.equal(action.command?.command, 'llamaReview.fixWithModel');
  return action.command!.arguments![0];
}

describe('Model edits', function () {
  this.timeout(240_000);
  let api: TestingApi;
  useTinyModelSuite({ ready: (testing) => (api = testing), cleanUp: () => vscode.commands.executeCommand('llamaReview.rejectProposal') });

  it('shows the model fix as a diff and changes the file only when it is accepted', async () => {
    const editor = await openPython('app/fix_me.py', source);
    const { document } = editor;
    const request = await evalFinding(document);
    await vscode.commands.executeCommand('llamaReview.fixWithModel', request);
    const tab = await waitFor('the proposed fix to show as a diff', proposalTab, 120_000);
    // The tiny model's rewrite is gibberish (at times with NUL bytes, which rejects it), and the
    // tab says so rather than hiding it.
    const verdict = /Fix eval-used \(local model\): (does not parse|parses|not checked|rejected: .+)/.exec(tab.label);
    assert.ok(verdict, tab.label);
    assert.equal(document.getText(), source, 'the file changed before the fix was accepted');
    assert.equal(api.proposals.pending().length, 1);
    const rejected = verdict[1].startsWith('rejected');
    assert.equal(await vscode.commands.executeCommand('llamaReview.acceptProposal'), !rejected);
    if (rejected) {
      assert.equal(document.getText(), source, 'a rejected proposal was applied');
      await vscode.commands.executeCommand('llamaReview.rejectProposal');
    } else assert.notEqual(document.getText(), source);
    assert.equal(api.proposals.pending().length, 0);
    await waitFor('the diff to close', () => (proposalTab() ? undefined : true));
  });

  it('rewrites only the statement of a module-level finding, and closes its notice once accepted', async () => {
    const { document } = await openPython('app/fix_module.py', moduleSource);
    const request = await evalFinding(document);
    const prompts: string[] = [];
    api.setAnswerOverride((prompt) => {
      prompts.push(prompt.prompt);
      return '```python\nsettings = ast.literal_eval(CONFIG)\n```';
    });
    await vscode.commands.executeCommand('llamaReview.fixWithModel', request);
    assert.match((await waitFor('the proposal', proposalTab)).label, /Fix eval-used \(local model\): parses, and eval-used is gone/);
    assert.match(prompts[0], /Rewrite lines 5-5 /);
    assert.doesNotMatch(prompts[0], /app_config/, 'the prompt showed lines outside the statement');
    await waitFor('the Accept/Reject notice', () => (api.openNotices().length === 1 ? true : undefined));

    assert.equal(await vscode.commands.executeCommand('llamaReview.acceptProposal'), true);
    const expected = moduleSource.split('\n');
    expected[4] = 'settings = ast.literal_eval(CONFIG)';
    assert.equal(document.getText(), expected.join('\n'), 'lines outside the statement changed');
    await waitFor('the notice to close', () => (api.openNotices().length === 0 ? true : undefined));
  });

  it('rejects a fix with NUL bytes, and one that changes lines outside its statement', async () => {
    const { document } = await openPython('app/fix_rejected.py', moduleSource);
    const request = await evalFinding(document);

    api.setAnswerOverride(() => '```python\nsettings = ast.literal_eval(CONFIG)\u0000\n```');
    await vscode.commands.executeCommand('llamaReview.fixWithModel', request);
    assert.match((await waitFor('the NUL-byte proposal', proposalTab)).label, /rejected: the proposal contains NUL bytes$/);
    // The diff's title bar offers Reject only (see the picture: no Accept check mark).
    if (screenshotsAvailable()) await screenshot('rejected-proposal');
    assert.equal(await vscode.commands.executeCommand('llamaReview.acceptProposal'), false);
    assert.equal(document.getText(), moduleSource, 'a rejected proposal was applied');

    // Asked again without deciding: the new proposal replaces the waiting one, and its notice.
    api.setAnswerOverride(() => ['```python', 'import ast', 'from app_config import load_config', '', 'CONFIG = load_config() or "{}"', 'settings = ast.literal_eval(CONFIG)', '```'].join('\n'));
    await vscode.commands.executeCommand('llamaReview.fixWithModel', request);
    const outside = await waitFor('the proposal reaching outside', () => proposalTab()?.label.match(/rejected: changes \d+ lines? outside the statement$/) ?? undefined);
    assert.equal(outside[0], 'rejected: changes 3 lines outside the statement');
    assert.equal(api.proposals.pending().length, 1);
    await waitFor('one notice, the newer one', () => (api.openNotices().length === 1 && api.openNotices()[0].includes('outside') ? true : undefined));
    assert.equal(await vscode.commands.executeCommand('llamaReview.acceptProposal'), false);
    assert.equal(document.getText(), moduleSource, 'a rejected proposal was applied');
  });

  it('marks a fix that keeps the finding, and one that removes it', async () => {
    const { document } = await openPython('app/fix_marks.py', source);
    const request = await evalFinding(document);
    const rewrite = (body: string) => ['```python', 'def run_formula(expression, variables):', '    total = 0', '    for name in variables:', '        total += len(name)', `    ${body}`, '```'].join('\n');

    api.setAnswerOverride(() => rewrite('return eval(expression, {"__builtins__": {}}, variables)'));
    await vscode.commands.executeCommand('llamaReview.fixWithModel', request);
    assert.match((await waitFor('the kept-finding proposal', proposalTab)).label, /parses, but still has eval-used/);
    await vscode.commands.executeCommand('llamaReview.rejectProposal');
    await waitFor('the diff to close', () => (proposalTab() ? undefined : true));
    assert.equal(document.getText(), source, 'rejecting changed the file');

    api.setAnswerOverride(() => rewrite('return ast.literal_eval(expression)'));
    await vscode.commands.executeCommand('llamaReview.fixWithModel', request);
    assert.match((await waitFor('the good proposal', proposalTab)).label, /parses, and eval-used is gone/);
    // The diff's title bar offers Accept (a check mark) beside Reject.
    if (screenshotsAvailable()) await screenshot('acceptable-proposal');
    assert.equal(await vscode.commands.executeCommand('llamaReview.acceptProposal'), true);
    assert.match(document.lineAt(4).text, /^ {4}return ast\.literal_eval\(expression\)$/);
  });

  it('inserts a generated docstring only when accepted', async () => {
    const editor = await openPython('app/docstring_me.py', source);
    editor.selection = new vscode.Selection(8, 4, 8, 4);
    await vscode.commands.executeCommand('llamaReview.generateDocstring');
    const tab = await waitFor('the proposed docstring', proposalTab, 120_000);
    assert.match(tab.label, /Docstring for describe/);
    assert.equal(editor.document.getText(), source);
    assert.equal(await vscode.commands.executeCommand('llamaReview.acceptProposal'), true);
    assert.match(editor.document.lineAt(8).text, /^ {4}"""/, 'the docstring is not the first line of the body');
    assert.equal(editor.document.lineAt(editor.document.lineCount - 2).text, '    return str(value)');
  });
});
