// The model security review in a real VS Code: Review Function sends the function with its sibling
// routes' decorators; of a forced answer with one valid and one fabricated item, only the valid one
// becomes a diagnostic in the model problems collection, and the notice counts the one dropped; a
// repeat of a taint finding is left out; the diagnostic follows edits; Review File reviews the file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { useTinyModelSuite, type TestingApi } from './modelSupport';
import { openPython, waitFor } from './support';
import { reviewSample } from '../support/reviewSample';

/** A valid item (line 14 is `def delete_user`) and a fabricated one (no such code in the file). */
const validAndFabricated = JSON.stringify({
  findings: [
    { line: 14, kind: 'authentication', cwe: 306, message: 'This route has no @login_required, unlike the other routes.', evidence: 'def delete_user(user_id):' },
    { line: 15, kind: 'injection', cwe: 78, message: 'A shell command is built from input.', evidence: 'os.system("rm " + user_id)' },
  ],
});

function modelDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Llama Review (model)');
}

function codeValue(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

describe('Model security review', function () {
  this.timeout(240_000);
  let api: TestingApi;
  useTinyModelSuite({ ready: (testing) => (api = testing), cleanUp: () => vscode.commands.executeCommand('llamaReview.clearModelDiagnostics') });

  async function openSample(name: string): Promise<vscode.TextEditor> {
    const editor = await openPython(`app/${name}.py`, reviewSample);
    await waitFor('the taint finding', () => vscode.languages.getDiagnostics(editor.document.uri).find((diagnostic) => codeValue(diagnostic) === 'sql-injection'));
    return editor;
  }

  it('gives one message for a real answer of the tiny model, whatever it wrote', async () => {
    const editor = await openSample('review_tiny');
    editor.selection = new vscode.Selection(14, 4, 14, 4);
    const before = api.messages.length;
    await vscode.commands.executeCommand('llamaReview.reviewFunction');
    const after = api.messages.slice(before);
    assert.equal(after.length, 1, after.join('\n'));
    assert.match(after[0], /The model review found (no security problems|\d+ security problems?) in lines 13-17|did not follow the expected format/);
  });

  it('shows the valid item of a forced answer, drops the fabricated one and says so, and follows edits', async () => {
    const editor = await openSample('review_function');
    const { document } = editor;
    let prompt = '';
    api.setAnswerOverride((asked) => {
      prompt = asked.prompt;
      return validAndFabricated;
    });
    editor.selection = new vscode.Selection(14, 4, 14, 4);
    const before = api.messages.length;
    await vscode.commands.executeCommand('llamaReview.reviewFunction');

    // The function, numbered, and its sibling routes' headers for comparison.
    assert.match(prompt, /Code under review \(lines 13-17\):\n 13 \| @app\.route\("\/admin/);
    assert.match(prompt, / 8 \| @login_required\n 9 \| def profile\(\):/);
    assert.match(prompt, / 21 \| @login_required\n 22 \| def export\(\):/);

    const shown = await waitFor('the model diagnostic', () => (modelDiagnostics(document.uri).length > 0 ? modelDiagnostics(document.uri) : undefined));
    assert.equal(shown.length, 1, shown.map((diagnostic) => diagnostic.message).join('; '));
    assert.equal(shown[0].range.start.line, 13);
    assert.equal(document.getText(shown[0].range), 'def delete_user(user_id):');
    assert.equal(codeValue(shown[0]), 'CWE-306');
    assert.equal(shown[0].severity, vscode.DiagnosticSeverity.Warning);
    const notice = api.messages.slice(before);
    assert.equal(notice.length, 1, notice.join('\n'));
    assert.match(notice[0], /found 1 security problem in lines 13-17/);
    assert.match(notice[0], /1 item could not be verified against the code and was dropped/);
    // The parse and taint diagnostics are untouched, in their own collection.
    assert.ok(vscode.languages.getDiagnostics(document.uri).some((diagnostic) => diagnostic.source === 'Llama Review' && codeValue(diagnostic) === 'sql-injection'));

    // The finding follows the code: two lines inserted above move it down two lines.
    assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), 'import os\n\n')));
    await waitFor('the model diagnostic to move', () => modelDiagnostics(document.uri).find((diagnostic) => diagnostic.range.start.line === 15));
    assert.equal(modelDiagnostics(document.uri).length, 1);

    await vscode.commands.executeCommand('llamaReview.clearModelDiagnostics');
    assert.equal(modelDiagnostics(document.uri).length, 0);
  });

  it('leaves out an item that repeats the taint finding on its line', async () => {
    const editor = await openSample('review_repeat');
    api.setAnswerOverride(() =>
      JSON.stringify({ findings: [{ line: 24, kind: 'injection', cwe: 89, message: 'SQL built from input.', evidence: 'db.session.execute(query)' }] }),
    );
    editor.selection = new vscode.Selection(22, 4, 22, 4);
    const before = api.messages.length;
    await vscode.commands.executeCommand('llamaReview.reviewFunction');
    const notice = await waitFor('the notice', () => (api.messages.length > before ? api.messages.slice(before) : undefined));
    assert.match(notice[0], /found no security problems in lines 20-24 beyond those already reported\. 1 repeated a finding already shown\./);
    assert.equal(modelDiagnostics(editor.document.uri).length, 0);
  });

  it('reviews a small file in one request with Review File', async () => {
    const editor = await openSample('review_file');
    const prompts: string[] = [];
    api.setAnswerOverride((asked) => {
      prompts.push(asked.prompt);
      return validAndFabricated;
    });
    await vscode.commands.executeCommand('llamaReview.reviewFile');
    assert.equal(prompts.length, 1);
    assert.match(prompts[0], /Code under review \(lines 1-25\)/);
    const shown = await waitFor('the model diagnostic', () => (modelDiagnostics(editor.document.uri).length > 0 ? modelDiagnostics(editor.document.uri) : undefined));
    assert.deepEqual(shown.map((diagnostic) => [diagnostic.range.start.line, codeValue(diagnostic)]), [[13, 'CWE-306']]);
  });
});
