// Files and folders that are gone, however they went: deleted or renamed in VS Code, or deleted
// (or renamed, which the disk reports as delete and create) by a terminal, git or another program.
// A deleted folder comes as the folder's URI alone, never as its files.
import * as vscode from 'vscode';
import { isSameOrUnder } from './goneFiles';

/** Calls `listener` with the URI of each removed file or folder (for a rename, the old URI). */
export function onFilesRemoved(listener: (uri: vscode.Uri) => void): vscode.Disposable {
  // Every name, not only reviewed files: a folder's name matches no file pattern.
  const onDisk = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
  return vscode.Disposable.from(
    onDisk,
    onDisk.onDidDelete(listener),
    vscode.workspace.onDidDeleteFiles((event) => event.files.forEach(listener)),
    vscode.workspace.onDidRenameFiles((event) => event.files.forEach(({ oldUri }) => listener(oldUri))),
  );
}

/** Removes the diagnostics of `uri`, or of every file under it when it is a folder. */
export function deleteDiagnosticsUnder(collection: vscode.DiagnosticCollection, uri: vscode.Uri): void {
  const folder = uri.toString();
  const gone: vscode.Uri[] = [];
  collection.forEach((file) => {
    if (isSameOrUnder(file.toString(), folder)) gone.push(file);
  });
  for (const file of gone) collection.delete(file);
}
