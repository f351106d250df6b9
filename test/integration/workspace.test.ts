// "Review Workspace": every Python file, including files never opened, but not what files.exclude,
// .gitignore or a virtual environment hides; the results land in the Problems panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { seenDiagnostics, waitFor, workspaceFile, writeWorkspaceFile } from './support';

interface Summary {
  files: number;
  reviewed: number;
  findings: number;
  cancelled: boolean;
}

describe('Review Workspace', () => {
  it('reviews every Python file that is not excluded, gitignored or in an environment', async () => {
    const hidden = [
      writeWorkspaceFile('build/generated.py', 'x = eval(command)\n'), // .gitignore: build/
      writeWorkspaceFile('excluded/skipped.py', 'x = eval(command)\n'), // files.exclude: **/excluded
      writeWorkspaceFile('.venv/lib/site.py', 'x = eval(command)\n'),
    ];
    const summary = await vscode.commands.executeCommand<Summary>('llamaReview.reviewWorkspace');
    assert.equal(summary.cancelled, false);
    assert.equal(summary.reviewed, summary.files);

    const neverOpened = workspaceFile('app/never_opened.py');
    assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.toString() === neverOpened.toString()));
    const shown = await waitFor('findings of a file that was never opened', () => {
      const diagnostics = seenDiagnostics(neverOpened);
      return diagnostics.length > 0 ? diagnostics : undefined;
    });
    assert.deepEqual(shown.map((diagnostic) => [diagnostic.code, diagnostic.range]), [['eval-used', [4, 11, 4, 27]]]);
    assert.deepEqual(seenDiagnostics(workspaceFile('app/clean.py')), []);
    for (const uri of hidden) assert.deepEqual(seenDiagnostics(uri), [], `${uri.path} should not be reviewed`);
  });
});
