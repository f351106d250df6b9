// llamaReview.showFindings: the Problems panel shows only findings new since the baseline (written
// by "Write Baseline") or only those on lines changed since HEAD, and the status bar says which.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, evalAt, extensionId, openPython, updateSetting, waitFor, waitForDiagnostics, workspaceFile, workspaceFolder } from './support';

interface Exports {
  findingsStatusText?: () => string;
}

const original = ['import json', '', '', 'def load(text):', '    return eval(text)', ''].join('\n');

async function appendLine(editor: vscode.TextEditor, line: string): Promise<void> {
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  assert.ok(await editor.edit((builder) => builder.insert(end, `${line}\n`)));
}

describe('Shown findings', () => {
  let statusText: () => string;
  before(async () => {
    const exports = (await vscode.extensions.getExtension(extensionId)?.activate()) as Exports | undefined;
    assert.ok(exports?.findingsStatusText, 'the extension exports its status text in extension mode Test');
    statusText = exports.findingsStatusText;
  });
  afterEach(async () => {
    await closeAllEditors();
    await updateSetting('llamaReview.showFindings', undefined);
  });
  after(() => {
    rmSync(workspaceFile('.llama-review-baseline.json').fsPath, { force: true });
    rmSync(workspaceFile('.git').fsPath, { recursive: true, force: true });
  });

  it('shows only findings new since the baseline that Write Baseline wrote, and says so in the status bar', async () => {
    const editor = await openPython('scratch/baselined.py', original);
    const { document } = editor;
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(text)')]);

    await vscode.commands.executeCommand('llamaReview.writeBaseline');
    const baseline = JSON.parse(readFileSync(workspaceFile('.llama-review-baseline.json').fsPath, 'utf8')) as { findings: { path: string; rule: string }[] };
    assert.ok(baseline.findings.some((entry) => entry.path === 'scratch/baselined.py' && entry.rule === 'eval-used'), 'the open file is in the baseline');

    // Lines above move the baselined eval(); the one added below is new.
    assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), 'import os\nimport sys\n')));
    await appendLine(editor, 'value = eval(json.dumps(1))');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(text)'), evalAt(document, 'eval(json.dumps(1))')]);
    assert.doesNotMatch(statusText(), /new since baseline/);

    await updateSetting('llamaReview.showFindings', 'newSinceBaseline');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(json.dumps(1))')]);
    await waitFor('the status bar to name the mode', () => (/· new since baseline$/.test(statusText()) ? true : undefined));

    await updateSetting('llamaReview.showFindings', 'all');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(text)'), evalAt(document, 'eval(json.dumps(1))')]);
    await waitFor('the status bar to drop the mode', () => (!/·/.test(statusText()) ? true : undefined));
  });

  it('shows only findings on lines changed since HEAD', async function () {
    if (spawnSync('git', ['--version']).status !== 0 || !vscode.workspace.isTrusted) {
      console.warn('    git is not installed, or the workspace is not trusted: skipping the changed-lines test.');
      this.skip();
    }
    const folder = workspaceFolder().fsPath;
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: folder, stdio: 'pipe' });
    if (!existsSync(workspaceFile('.git').fsPath)) git('init', '-q');
    const editor = await openPython('scratch/changed.py', original);
    git('add', 'scratch/changed.py');
    git('commit', '-q', '-m', 'the committed version');
    await updateSetting('llamaReview.showFindings', 'changedLines');
    const { document } = editor;
    await waitForDiagnostics(document.uri, []);
    await waitFor('the status bar to name the mode', () => (/· changed lines$/.test(statusText()) ? true : undefined));

    await appendLine(editor, 'value = eval(json.dumps(1))');
    assert.ok(await document.save());
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(json.dumps(1))')]);
  });
});
