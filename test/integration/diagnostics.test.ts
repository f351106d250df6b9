// Diagnostics as the user sees them: on open, after edits and saves, under rapid typing, with
// severity settings, and gone when a file closes or is deleted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors, evalAt, extensionId, noneComparisonAt, openPython, rangeOf, seenDiagnostics, updateSetting, waitFor,
  waitForDiagnostics, workspaceFile, writeWorkspaceFile,
} from './support';

async function appendLine(editor: vscode.TextEditor, line: string): Promise<void> {
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  assert.ok(await editor.edit((builder) => builder.insert(end, `\n${line}`)));
}

describe('Diagnostics', () => {
  before(async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
  });
  afterEach(async () => {
    await closeAllEditors();
    await updateSetting('llamaReview.rules', undefined);
    await updateSetting('llamaReview.reviewOnType', undefined);
  });

  it('shows the findings of a file when it opens, with rule codes, ranges and severities', async () => {
    const { document } = await openPython('app/review_me.py');
    await waitForDiagnostics(document.uri, [
      evalAt(document, 'eval(expression, {}, variables)'),
      noneComparisonAt(document, 'value == None'),
    ]);
    const evalDiagnostic = vscode.languages.getDiagnostics(document.uri).find((diagnostic) => diagnostic.message.includes('eval()'));
    const code = evalDiagnostic?.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'eval-used');
    assert.equal(code.target.toString(), 'llama-review-docs:/rules/eval-used');
  });

  it('shows a taint finding with every step of its path as related information, and links its rule page to the path', async () => {
    const view = [
      'import sqlite3',
      'from flask import Flask, request',
      '',
      'app = Flask(__name__)',
      '',
      '',
      '@app.route("/user")',
      'def user():',
      '    name = request.args.get("name")',
      '    query = "SELECT * FROM users WHERE name = \'%s\'" % name',
      '    sqlite3.connect("app.db").execute(query)',
      '    return "ok"',
      '',
    ].join('\n');
    const { document } = await openPython('scratch/taint_view.py', view);
    await waitForDiagnostics(document.uri, [{ code: 'sql-injection', range: rangeOf(document, 'sqlite3.connect("app.db").execute(query)'), severity: vscode.DiagnosticSeverity.Error }]);
    const [diagnostic] = vscode.languages.getDiagnostics(document.uri);
    assert.match(diagnostic.message, /request\.args.*line 9.*execute\(\)/);
    // Shown as plain text: code spans become quoted code, never raw Markdown backticks.
    assert.doesNotMatch(diagnostic.message, /`/);
    const steps = diagnostic.relatedInformation ?? [];
    assert.deepEqual(
      steps.map((step) => [step.location.uri.toString(), step.location.range.start.line]),
      [
        [document.uri.toString(), 8],
        [document.uri.toString(), 8],
        [document.uri.toString(), 9],
        [document.uri.toString(), 10],
      ],
    );
    assert.match(steps[0].message, /^1\. user input \u2018request\.args\u2019/);
    for (const step of steps) assert.doesNotMatch(step.message, /`/);
    assert.match(steps[3].message, /^4\. reaches/);
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.path, '/rules/sql-injection');
    assert.match(decodeURIComponent(code.target.query), /"line":9/);
  });

  it('updates the findings after an edit, and after a save', async () => {
    const editor = await openPython('scratch/edit_then_save.py', 'import json\n');
    const { document } = editor;
    await waitForDiagnostics(document.uri, []);

    await appendLine(editor, 'first = eval(json.dumps(data))');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(json.dumps(data))')]);

    await updateSetting('llamaReview.reviewOnType', false);
    await appendLine(editor, 'if first == None:\n    pass');
    assert.ok(await document.save());
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(json.dumps(data))'), noneComparisonAt(document, 'first == None')]);
  });

  it('leaves no stale diagnostics after rapid edits', async () => {
    const editor = await openPython('scratch/rapid_edits.py', 'value = compute()\n');
    const { document } = editor;
    await waitForDiagnostics(document.uri, []);
    // Each edit lands before the previous one's review would run; only the last text counts.
    for (let round = 0; round < 15; round++) {
      await appendLine(editor, round % 2 === 0 ? `check_${round} = value == None` : `result_${round} = eval(str(value))`);
      if (round % 3 === 2) {
        const lastLine = new vscode.Range(document.lineAt(document.lineCount - 2).range.end, document.lineAt(document.lineCount - 1).range.end);
        assert.ok(await editor.edit((builder) => builder.delete(lastLine)));
      }
    }
    const expectedFromText = () => {
      const expected = [];
      for (let line = 0; line < document.lineCount; line++) {
        const text = document.lineAt(line).text;
        const none = text.indexOf('value == None');
        const call = text.indexOf('eval(str(value))');
        if (none >= 0) expected.push({ code: 'compare-to-none', range: [line, none, line, none + 13], severity: vscode.DiagnosticSeverity.Information });
        if (call >= 0) expected.push({ code: 'eval-used', range: [line, call, line, call + 16], severity: vscode.DiagnosticSeverity.Warning });
      }
      return expected as ReturnType<typeof seenDiagnostics>;
    };
    await waitForDiagnostics(document.uri, expectedFromText());
    // A review of an older version must not arrive after the newest one.
    const settleUntil = Date.now() + 1000;
    while (Date.now() < settleUntil) {
      assert.deepEqual(seenDiagnostics(document.uri), expectedFromText());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('maps severities and turns rules off from the llamaReview.rules setting', async () => {
    const { document } = await openPython('app/review_me.py');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(expression, {}, variables)'), noneComparisonAt(document, 'value == None')]);
    await updateSetting('llamaReview.rules', { 'eval-used': 'error', 'compare-to-none': 'off' });
    await waitForDiagnostics(document.uri, [{ ...evalAt(document, 'eval(expression, {}, variables)'), severity: vscode.DiagnosticSeverity.Error }]);
  });

  it('clears the diagnostics of a file when it closes', async () => {
    // Opened as the user opens it: openTextDocument() would keep the document alive for minutes.
    const uri = writeWorkspaceFile('scratch/closed.py', 'x = eval(command)\n');
    await vscode.commands.executeCommand('vscode.open', uri);
    const document = await waitFor('the opened document', () => vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString()));
    await waitForDiagnostics(uri, [evalAt(document, 'eval(command)')]);
    await closeAllEditors();
    await waitForDiagnostics(uri, []);
  });

  it('clears the diagnostics of a file when it is deleted', async () => {
    const { document } = await openPython('scratch/deleted.py', 'x = eval(command)\n');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(command)')]);
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(workspaceFile('scratch/deleted.py'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(document.uri, []);
  });
});
