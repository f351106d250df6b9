// A project configuration file in the editor: open files are reviewed again when it is created,
// changed or deleted, its problems appear on it at the key's line, and excluded files show nothing.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, evalAt, extensionId, noneComparisonAt, openPython, waitFor, waitForDiagnostics, workspaceFile, writeWorkspaceFile } from './support';

describe('Project configuration', () => {
  const folder = 'scratch/configured';
  const configPath = `${folder}/llama-review.toml`;
  before(async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
  });
  afterEach(async () => {
    await closeAllEditors();
    rmSync(workspaceFile(folder).fsPath, { recursive: true, force: true });
  });

  it('re-reviews open files when the configuration changes, and shows its problems on it', async () => {
    const { document } = await openPython(`${folder}/views.py`, 'def run(value, expression):\n    if value == None:\n        return eval(expression, {}, {})\n');
    const both = [noneComparisonAt(document, 'value == None'), evalAt(document, 'eval(expression, {}, {})')];
    await waitForDiagnostics(document.uri, both);

    const config = writeWorkspaceFile(configPath, 'ignore = ["compare-to-none"]\n');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(expression, {}, {})')]);

    writeWorkspaceFile(configPath, 'ignore = ["compare-to-none"]\ncolour = "blue"\n');
    const problem = await waitFor('the configuration problem on its file', () =>
      vscode.languages.getDiagnostics(config).find((diagnostic) => diagnostic.source === 'Llama Review configuration'),
    );
    assert.equal(problem.range.start.line, 1);
    assert.match(problem.message, /^colour: unknown key/);
    // The good key still applies.
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(expression, {}, {})')]);

    writeWorkspaceFile(configPath, 'extend-exclude = ["views.py"]\n');
    await waitFor('the problem to go', () => (vscode.languages.getDiagnostics(config).length === 0 ? true : undefined));
    await waitForDiagnostics(document.uri, []);

    rmSync(config.fsPath);
    await waitForDiagnostics(document.uri, both);
  });
});
