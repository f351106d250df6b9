// Code actions on a finding: the quick fix, fix all of a rule, suppress on this line, the rule's
// documentation, and explain. Each asserts on the document text or the diagnostics afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, evalAt, noneComparisonAt, openPython, rangeOf, updateSetting, waitFor, waitForDiagnostics } from './support';

async function actionsAt(document: vscode.TextDocument, needle: string): Promise<vscode.CodeAction[]> {
  const [line, column] = rangeOf(document, needle);
  const range = new vscode.Range(line, column, line, column + 1);
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range)) ?? [];
}

async function actionTitled(document: vscode.TextDocument, needle: string, title: string): Promise<vscode.CodeAction> {
  return waitFor(`the "${title}" action`, async () => (await actionsAt(document, needle)).find((action) => action.title === title));
}

async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `"${action.title}" has no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}

describe('Code actions', () => {
  afterEach(async () => {
    await closeAllEditors();
    await updateSetting('llamaReview.codeActions.showSuppress', undefined);
    await updateSetting('llamaReview.suppressionStyle', undefined);
  });

  it('applies the quick fix of a finding, preferred because the rule is sure', async () => {
    const { document } = await openPython('scratch/quick_fix.py', 'def f(value):\n    if value == None:\n        return 0\n');
    await waitForDiagnostics(document.uri, [noneComparisonAt(document, 'value == None')]);
    const fix = await actionTitled(document, 'value == None', 'Replace `==` with `is`');
    assert.equal(fix.isPreferred, true);
    await apply(fix);
    assert.equal(document.lineAt(1).text, '    if value is None:');
    await waitForDiagnostics(document.uri, []);
  });

  it('fixes every finding of one rule in the file at once', async () => {
    const text = 'a = 1\nb = a == None\nc = None != a\nd = a == None or b\n';
    const { document } = await openPython('scratch/fix_all.py', text);
    await waitFor('three compare-to-none findings', () => (vscode.languages.getDiagnostics(document.uri).length === 3 ? true : undefined));
    await apply(await actionTitled(document, 'a == None', 'Fix all compare-to-none problems in this file (3)'));
    assert.equal(document.getText(), 'a = 1\nb = a is None\nc = None is not a\nd = a is None or b\n');
    await waitForDiagnostics(document.uri, []);
  });

  it('suppresses a finding on its line with a comment, and the diagnostic goes away', async () => {
    const { document } = await openPython('scratch/suppress.py', 'import os\nrun = eval(os.environ["CODE"])\n');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(os.environ["CODE"])')]);
    await apply(await actionTitled(document, 'eval(', 'Suppress eval-used on this line'));
    assert.equal(document.lineAt(1).text, 'run = eval(os.environ["CODE"])  # llama-review: ignore[eval-used]');
    await waitForDiagnostics(document.uri, []);
  });

  it('writes the suppression comment style chosen in the settings', async () => {
    await updateSetting('llamaReview.suppressionStyle', 'nosec');
    const { document } = await openPython('scratch/suppress_nosec.py', 'run = eval(command)  # from the REPL\n');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(command)')]);
    await apply(await actionTitled(document, 'eval(', 'Suppress eval-used on this line'));
    assert.equal(document.lineAt(0).text, 'run = eval(command)  # from the REPL  # nosec B307');
    await waitForDiagnostics(document.uri, []);
  });

  it('hides "suppress on this line" when the setting says so', async () => {
    await updateSetting('llamaReview.codeActions.showSuppress', false);
    const { document } = await openPython('scratch/no_suppress.py', 'run = eval(command)\n');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(command)')]);
    const titles = await waitFor('code actions', async () => {
      const actions = await actionsAt(document, 'eval(');
      return actions.some((action) => action.title.startsWith('Show documentation')) ? actions.map((action) => action.title) : undefined;
    });
    assert.ok(!titles.some((title) => title.startsWith('Suppress')), `unexpected suppress action in ${titles.join(', ')}`);
  });

  it('opens the rule documentation from the action and from the diagnostic code link', async () => {
    const { document } = await openPython('app/review_me.py');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(expression, {}, variables)'), noneComparisonAt(document, 'value == None')]);
    const docsTab = () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((tab) => tab.input instanceof vscode.TabInputCustom && tab.input.viewType === 'llamaReview.ruleDocumentation' && tab.input.uri.path.endsWith('/eval-used'));

    const action = await actionTitled(document, 'eval(', 'Show documentation for eval-used');
    await vscode.commands.executeCommand(action.command!.command, ...(action.command!.arguments ?? []));
    await waitFor('the eval-used documentation tab', docsTab);
    await closeAllEditors();

    // What a click on the rule id in the Problems panel or a hover does: open the code's target.
    const diagnostic = vscode.languages.getDiagnostics(document.uri).find((candidate) => candidate.message.includes('eval()'));
    await vscode.commands.executeCommand('vscode.open', (diagnostic!.code as { target: vscode.Uri }).target);
    await waitFor('the eval-used documentation tab from the code link', docsTab);
  });

  it('offers "explain" wired to the explain command with the finding', async () => {
    const { document } = await openPython('app/review_me.py');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(expression, {}, variables)'), noneComparisonAt(document, 'value == None')]);
    const explain = await actionTitled(document, 'eval(', 'Explain eval-used with the local model');
    assert.equal(explain.command?.command, 'llamaReview.explainFinding');
    const [request] = explain.command?.arguments ?? [];
    assert.equal(request.finding.ruleId, 'eval-used');
    assert.equal(request.uri.toString(), document.uri.toString());
    // With no model configured, the command opens the chat and answers with a message instead of failing.
    await vscode.commands.executeCommand('llamaReview.explainFinding', request);
  });
});
