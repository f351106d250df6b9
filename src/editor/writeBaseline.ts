// Command "Write Baseline": reviews the workspace as Review Workspace does, then writes each
// folder's findings to its baseline file (llamaReview.baselineFile), in the same format and with
// the same paths as `llama-review check --write-baseline`, so the editor and CI share one file.
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { baselinePath, createBaseline, serializeBaseline, type LocatedFinding } from '../analysis/baseline';
import { baselineFileOf } from './config';
import { reviewWorkspace, type WorkspaceReviewParts } from './reviewWorkspace';

export interface WrittenBaseline {
  file: vscode.Uri;
  findings: number;
}

export async function writeBaseline(parts: WorkspaceReviewParts, toolVersion: string): Promise<WrittenBaseline[] | undefined> {
  const reviewed: vscode.Uri[] = [];
  const summary = await reviewWorkspace(parts, reviewed);
  if (!summary || summary.cancelled) return undefined;
  const written: WrittenBaseline[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const file = baselineFileOf(folder);
    const root = dirname(file.fsPath);
    const located: LocatedFinding[] = reviewed
      .filter((uri) => vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() === folder.uri.toString())
      .flatMap((uri) => (parts.store.get(uri)?.findings ?? []).map((finding) => ({ path: baselinePath(root, uri.fsPath), finding })));
    try {
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(serializeBaseline(createBaseline(located, toolVersion))));
      written.push({ file, findings: located.length });
    } catch (error) {
      parts.log.error(`Write Baseline: cannot write ${file.toString(true)}: ${(error as Error).message}`);
      void vscode.window.showErrorMessage(`Llama Review could not write the baseline ${vscode.workspace.asRelativePath(file)}: ${(error as Error).message}`);
    }
  }
  const files = written.map((each) => `${vscode.workspace.asRelativePath(each.file)} (${each.findings} findings)`).join(', ');
  parts.log.info(`Write Baseline: ${files || 'nothing written'}.`);
  if (written.length > 0) void vscode.window.showInformationMessage(`Llama Review wrote the baseline: ${files}.`);
  return written;
}
