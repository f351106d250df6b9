// No stale problems: a folder deleted on disk (as `rm -rf` in a terminal does) or renamed in VS Code
// takes the diagnostics of every file under it along, open or reviewed from disk; and "Review
// Workspace" drops the results of files it no longer finds.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, evalAt, extensionId, openPython, seenDiagnostics, waitFor, waitForDiagnostics, workspaceFile, writeWorkspaceFile } from './support';

const flagged = 'x = eval(command)\n';

/** Reviews every file from disk, as the command does, and waits until `uri` shows its finding. */
async function reviewWorkspaceUntilFlagged(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('llamaReview.reviewWorkspace');
  await waitFor(`the finding of ${vscode.workspace.asRelativePath(uri)}`, () => (seenDiagnostics(uri).length > 0 ? true : undefined));
}

describe('Removed files', () => {
  before(async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
  });
  afterEach(async () => {
    await closeAllEditors();
    for (const folder of ['removed_on_disk', 'renamed_before', 'renamed_after', 'no_longer_found']) rmSync(workspaceFile(folder).fsPath, { recursive: true, force: true });
  });

  it('clears the diagnostics of every file under a folder deleted outside VS Code, open or not', async () => {
    const fromDisk = writeWorkspaceFile('removed_on_disk/nested/never_opened.py', flagged);
    const { document } = await openPython('removed_on_disk/opened.py', flagged);
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(command)')]);
    await reviewWorkspaceUntilFlagged(fromDisk);

    rmSync(workspaceFile('removed_on_disk').fsPath, { recursive: true, force: true });
    await waitForDiagnostics(fromDisk, []);
    await waitForDiagnostics(document.uri, []);
    // The editor still shows the deleted file; its problems do not come back while it stays open.
    assert.ok(!document.isClosed);
  });

  it('clears the diagnostics under the old name of a folder renamed in VS Code', async () => {
    const before = writeWorkspaceFile('renamed_before/module.py', flagged);
    await reviewWorkspaceUntilFlagged(before);

    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(workspaceFile('renamed_before'), workspaceFile('renamed_after'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(before, []);
  });

  it('drops the results of files a new workspace review no longer finds', async () => {
    const ignoredLater = writeWorkspaceFile('no_longer_found/ignored_later.py', flagged);
    const deleted = writeWorkspaceFile('no_longer_found/deleted.py', flagged);
    const kept = writeWorkspaceFile('no_longer_found/kept.py', flagged);
    await reviewWorkspaceUntilFlagged(ignoredLater);
    await waitFor('the findings of the other files', () => (seenDiagnostics(deleted).length > 0 && seenDiagnostics(kept).length > 0 ? true : undefined));

    // Gitignored now: no file event says so, only the next review can tell.
    writeWorkspaceFile('no_longer_found/.gitignore', 'ignored_later.py\n');
    rmSync(deleted.fsPath);
    await vscode.commands.executeCommand('llamaReview.reviewWorkspace');
    await waitForDiagnostics(ignoredLater, []);
    await waitForDiagnostics(deleted, []);
    assert.equal(seenDiagnostics(kept).length, 1);
  });
});
