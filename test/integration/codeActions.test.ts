// Code actions on a finding: the quick fix (safe or unsafe), fix all of a rule (safe fixes only),
// suppress on this line or in the file, disable the rule in the settings, the rule's
// documentation, and explain; and fix all on save. Each asserts on the document text, the
// settings or the diagnostics afterwards.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
    await updateSetting('llamaReview.rules', undefined);
    await updateSetting('editor.codeActionsOnSave', undefined);
  });

  it('applies a safe quick fix, preferred because it keeps the meaning and the rule is sure', async () => {
    const { document } = await openPython('scratch/quick_fix.py', 'import requests\n\ndef fetch(url):\n    return requests.get(url)\n');
    await waitFor('a request-without-timeout finding', () => (vscode.languages.getDiagnostics(document.uri).length === 1 ? true : undefined));
    const fix = await actionTitled(document, 'requests.get', 'Add timeout=10');
    assert.equal(fix.isPreferred, true);
    await apply(fix);
    assert.equal(document.lineAt(3).text, '    return requests.get(url, timeout=10)');
    await waitForDiagnostics(document.uri, []);
  });

  it('offers an unsafe quick fix on its own, never preferred, its title saying what changes', async () => {
    const { document } = await openPython('scratch/unsafe_fix.py', 'def f(value):\n    if value == None:\n        return 0\n');
    await waitForDiagnostics(document.uri, [noneComparisonAt(document, 'value == None')]);
    const title = 'Replace == with is (unsafe: tests identity; an overloaded == (SQLAlchemy, NumPy) no longer runs)';
    const fix = await actionTitled(document, 'value == None', title);
    assert.notEqual(fix.isPreferred, true);
    await apply(fix);
    assert.equal(document.lineAt(1).text, '    if value is None:');
    await waitForDiagnostics(document.uri, []);
  });

  it('fixes every finding of one rule that has a safe fix at once, and leaves the unsafe ones', async () => {
    const text = 'counts = {}\nnames = {}\nfor k in counts.keys():\n    pass\nfor k in names.keys():\n    pass\ndef f(other, a):\n    return "a" in other.keys() or a == None or None == a\n';
    const { document } = await openPython('scratch/fix_all.py', text);
    await waitFor('three dict-keys-iteration and two compare-to-none findings', () => (vscode.languages.getDiagnostics(document.uri).length === 5 ? true : undefined));
    // compare-to-none's fixes are all unsafe: no fix all for them.
    const noneActions = await waitFor('the compare-to-none actions', async () => {
      const actions = await actionsAt(document, 'a == None');
      return actions.some((action) => action.title.startsWith('Replace == with is')) ? actions.map((action) => action.title) : undefined;
    });
    assert.ok(!noneActions.some((title) => title.startsWith('Fix all')), `unexpected fix all in ${noneActions.join(', ')}`);
    await apply(await actionTitled(document, 'counts.keys', 'Fix all dict-keys-iteration problems in this file (2, safe fixes only)'));
    assert.equal(document.getText(), text.replace('counts.keys()', 'counts').replace('names.keys()', 'names'));
    await waitFor('the three findings left', () => (vscode.languages.getDiagnostics(document.uri).length === 3 ? true : undefined));
  });

  it('suppresses a finding on its line with a comment, and the diagnostic goes away', async () => {
    const { document } = await openPython('scratch/suppress.py', 'import os\nrun = eval(os.environ["CODE"])\n');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(os.environ["CODE"])')]);
    await apply(await actionTitled(document, 'eval(', 'Suppress eval-used on this line'));
    assert.equal(document.lineAt(1).text, 'run = eval(os.environ["CODE"])  # llama-review: ignore[eval-used]');
    await waitForDiagnostics(document.uri, []);
  });

  it('suppresses a finding in the whole file with one comment at the top, and every finding of the rule goes', async () => {
    const { document } = await openPython('scratch/suppress_file.py', 'import os\nrun = eval(os.environ["CODE"])\nagain = eval(run)\n');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(os.environ["CODE"])'), evalAt(document, 'eval(run)')]);
    await apply(await actionTitled(document, 'eval(run)', 'Suppress eval-used in this file'));
    assert.equal(document.getText(), '# llama-review: ignore-file[eval-used]\nimport os\nrun = eval(os.environ["CODE"])\nagain = eval(run)\n');
    await waitForDiagnostics(document.uri, []);
  });

  it('disables a rule in the workspace settings, keeping the severities set there', async () => {
    await updateSetting('llamaReview.rules', { 'compare-to-none': 'error' });
    const { document } = await openPython('scratch/disable_rule.py', 'run = eval(command)\nif run == None:\n    pass\n');
    const noneAsError = { ...noneComparisonAt(document, 'run == None'), severity: vscode.DiagnosticSeverity.Error };
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(command)'), noneAsError]);
    const disable = await actionTitled(document, 'eval(', 'Disable rule "eval-used" in settings');
    assert.equal(disable.edit, undefined, 'settings are written by the command, not by a text edit');
    await vscode.commands.executeCommand(disable.command!.command, ...(disable.command!.arguments ?? []));
    const rules = vscode.workspace.getConfiguration('llamaReview').inspect('rules');
    assert.deepEqual(rules?.workspaceValue, { 'compare-to-none': 'error', 'eval-used': 'off' });
    await waitForDiagnostics(document.uri, [noneAsError]);
  });

  it('fixes the safe problems of every rule on save when codeActionsOnSave asks, and leaves the unsafe ones', async () => {
    await updateSetting('editor.codeActionsOnSave', { 'source.fixAll.llama-review': 'explicit' });
    const text = 'import requests\n\ncounts = {}\nfor k in counts.keys():\n    pass\n\ndef f(url, a):\n    requests.get(url)\n';
    const editor = await openPython('scratch/fix_on_save.py', text);
    const { document } = editor;
    await waitFor('request-without-timeout and dict-keys-iteration', () => (vscode.languages.getDiagnostics(document.uri).length === 2 ? true : undefined));
    // An edit, so the save is a real one; the third finding says the findings are of the edited text.
    assert.ok(await editor.edit((builder) => builder.insert(document.lineAt(document.lineCount - 1).range.end, '    return a == None\n')));
    await waitFor('the compare-to-none finding too', () => (vscode.languages.getDiagnostics(document.uri).length === 3 ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor('the saved file', () => (document.isDirty ? undefined : true));
    const fixed = 'import requests\n\ncounts = {}\nfor k in counts:\n    pass\n\ndef f(url, a):\n    requests.get(url, timeout=10)\n    return a == None\n';
    assert.equal(document.getText(), fixed);
    assert.equal(readFileSync(document.uri.fsPath, 'utf8'), fixed);
    await waitFor('only the unsafe finding left', () => {
      const left = vscode.languages.getDiagnostics(document.uri);
      return left.length === 1 && left[0].message.includes('None') ? true : undefined;
    });
  });

  it('offers fix all as a source action, which the Source Action menu and Fix All use', async () => {
    const { document } = await openPython('scratch/fix_all_source.py', 'import requests\nrequests.get(url)\nrequests.post(url)\n');
    await waitFor('two request-without-timeout findings', () => (vscode.languages.getDiagnostics(document.uri).length === 2 ? true : undefined));
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, 'source.fixAll.llama-review');
    const fixAll = actions?.find((action) => action.kind?.value === 'source.fixAll.llama-review');
    assert.ok(fixAll, `no source.fixAll.llama-review action among ${actions?.map((action) => action.title).join(', ')}`);
    assert.equal(fixAll.title, 'Fix all safe Llama Review problems in this file (2)');
    const quickFixesOnly = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, 'quickfix');
    assert.ok(!quickFixesOnly?.some((action) => action.kind?.value === 'source.fixAll.llama-review'));
  });

  it('writes the suppression comment style chosen in the settings', async () => {
    await updateSetting('llamaReview.suppressionStyle', 'nosec');
    const { document } = await openPython('scratch/suppress_nosec.py', 'run = eval(command)  # from the REPL\n');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(command)')]);
    await apply(await actionTitled(document, 'eval(', 'Suppress eval-used on this line'));
    assert.equal(document.lineAt(0).text, 'run = eval(command)  # from the REPL  # nosec B307');
    await waitForDiagnostics(document.uri, []);
  });

  it('hides "suppress on this line", "in this file" and "disable rule" when the setting says so', async () => {
    await updateSetting('llamaReview.codeActions.showSuppress', false);
    const { document } = await openPython('scratch/no_suppress.py', 'run = eval(command)\n');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(command)')]);
    const titles = await waitFor('code actions', async () => {
      const actions = await actionsAt(document, 'eval(');
      return actions.some((action) => action.title.startsWith('Show documentation')) ? actions.map((action) => action.title) : undefined;
    });
    assert.ok(!titles.some((title) => title.startsWith('Suppress') || title.startsWith('Disable rule')), `unexpected suppress action in ${titles.join(', ')}`);
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
