// Triage in the real VS Code, the model's answer forced through the test hook: a verdict becomes a
// note on the finding's message, a verified false positive can be hidden (counted in the status
// bar) and shown again, an edit to the lines the model saw drops the verdict, and an answer that
// cites a line the model was never shown is kept only as "unsure".
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { resetModelSettings, testingApi, useTinyModel, type TestingApi } from './modelSupport';
import { closeAllEditors, extensionId, openPython, updateSetting, waitFor } from './support';

const source = ['def run_formula(expression, variables):', '    return eval(expression, {}, variables)', ''].join('\n');

function evalDiagnostic(uri: vscode.Uri): vscode.Diagnostic | undefined {
  return vscode.languages.getDiagnostics(uri).find((diagnostic) => diagnostic.source === 'Llama Review' && diagnostic.message.includes('eval'));
}

describe('Triage', function () {
  this.timeout(120_000);
  let api: TestingApi;
  let statusText: () => string;
  let asked: string[];

  before(async () => {
    api = await testingApi();
    const exports = (await vscode.extensions.getExtension(extensionId)?.activate()) as { findingsStatusText?: () => string };
    statusText = exports.findingsStatusText!;
    await useTinyModel();
  });

  beforeEach(() => (asked = []));

  after(async () => {
    api.setAnswerOverride(undefined);
    await updateSetting('llamaReview.triage.hideFalsePositives', undefined);
    await resetModelSettings();
    await closeAllEditors();
  });

  function answerTriage(answer: object): void {
    api.setAnswerOverride((prompt) => {
      if (prompt.task !== 'triage') return undefined;
      asked.push(prompt.prompt);
      return JSON.stringify(answer);
    });
  }

  it('notes a verified false positive on the finding, hides it on request, and shows it again', async () => {
    answerTriage({ verdict: 'false-positive', reason: 'Line 2 only ever receives formulas from the test suite.', evidence_lines: [2], fix_hint: '' });
    const editor = await openPython('app/triage_fp.py', source);
    await waitFor('the eval finding', () => evalDiagnostic(editor.document.uri));
    await vscode.commands.executeCommand('llamaReview.triageFile');
    const noted = await waitFor('the verdict on the finding', () => {
      const diagnostic = evalDiagnostic(editor.document.uri);
      return diagnostic && /model: likely false positive: Line 2/.test(diagnostic.message) ? diagnostic : undefined;
    });
    assert.match(noted.message, /eval/, 'the finding keeps its own message');
    assert.equal(asked.length, 1);
    assert.match(asked[0], /Rule: eval-used/);

    await updateSetting('llamaReview.triage.hideFalsePositives', true);
    await waitFor('the false positive to be hidden', () => (evalDiagnostic(editor.document.uri) ? undefined : true));
    await waitFor('the status bar to count it', () => /1 hidden/.test(statusText()) || undefined);

    await vscode.commands.executeCommand('llamaReview.showHiddenFindings');
    await waitFor('the finding to come back', () => evalDiagnostic(editor.document.uri));

    // Asked again, the same question comes from the cache: the model is not asked twice.
    await vscode.commands.executeCommand('llamaReview.triageFile');
    await waitFor('the summary', () => api.messages.find((message) => /from earlier answers/.test(message)));
    assert.equal(asked.length, 1, 'the cached verdict was used');
  });

  it('drops the verdict when the lines the model saw change', async () => {
    answerTriage({ verdict: 'true-positive', reason: 'Line 2 evaluates the caller\'s expression.', evidence_lines: [2], fix_hint: 'Use ast.literal_eval.' });
    const editor = await openPython('app/triage_edit.py', source);
    await waitFor('the eval finding', () => evalDiagnostic(editor.document.uri));
    await vscode.commands.executeCommand('llamaReview.triageFile');
    await waitFor('the verdict', () => evalDiagnostic(editor.document.uri)?.message.includes('model: likely true positive') || undefined);
    assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(1, 0), '    # checked by the caller\n')));
    await waitFor('the verdict to go', () => {
      const diagnostic = evalDiagnostic(editor.document.uri);
      return diagnostic && !diagnostic.message.includes('model:') ? diagnostic : undefined;
    });
  });

  it('keeps an answer that cites lines the model never saw only as unsure, and never hides it', async () => {
    answerTriage({ verdict: 'false-positive', reason: 'Line 40 validates the expression first.', evidence_lines: [40], fix_hint: '' });
    await updateSetting('llamaReview.triage.hideFalsePositives', true);
    const editor = await openPython('app/triage_fabricated.py', source);
    await waitFor('the eval finding', () => evalDiagnostic(editor.document.uri));
    await vscode.commands.executeCommand('llamaReview.triageFile');
    const noted = await waitFor('the unsure note', () => {
      const diagnostic = evalDiagnostic(editor.document.uri);
      return diagnostic?.message.includes('model: unsure') ? diagnostic : undefined;
    });
    assert.doesNotMatch(noted.message, /false positive/);
    await updateSetting('llamaReview.triage.hideFalsePositives', undefined);
  });
});
