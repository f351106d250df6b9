// Both status bar items give screen readers plain words: no codicons, no Markdown.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { testingApi } from './modelSupport';
import { closeAllEditors, evalAt, extensionId, openPython, waitFor, waitForDiagnostics } from './support';

interface Exports {
  findingsStatusLabel?: () => string;
}

/** Codicons `$(name)` or Markdown (code, bold, links). */
const markup = /\$\(|`|\*\*|\]\(/;

describe('Status bar labels', () => {
  after(closeAllEditors);

  it('are plain text for the findings and the model', async () => {
    const exports = (await vscode.extensions.getExtension(extensionId)?.activate()) as Exports | undefined;
    assert.ok(exports?.findingsStatusLabel, 'the extension exports the findings label in extension mode Test');
    const { document } = await openPython('app/status_label.py', 'def load(text):\n    return eval(text)\n');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(text)')]);
    const findings = await waitFor('the findings label', () => (/1 warning|1 error/.test(exports.findingsStatusLabel!()) ? exports.findingsStatusLabel!() : undefined));
    assert.doesNotMatch(findings, markup);
    assert.match(findings, /status_label\.py/);

    const model = (await testingApi()).modelStatus();
    assert.doesNotMatch(model.accessibilityLabel, markup);
    assert.match(model.text, /^\$\(/, 'the item itself keeps its icon');
  });
});
