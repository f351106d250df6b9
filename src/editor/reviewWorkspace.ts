// Command "Review Workspace": every Python file and template, with a cancellable progress notification; results
// go to the Problems panel like any other review. Open documents are reviewed from their buffers,
// the rest from disk. A complete review also drops the results of files it no longer finds.
import * as vscode from 'vscode';
import type { LiveReviewer } from './diagnostics';
import type { FileReviewer } from './fileReviewer';
import type { FindingsStore } from './findingsStore';
import { findWorkspaceFiles } from './workspaceFiles';

export interface WorkspaceReviewSummary {
  files: number;
  reviewed: number;
  findings: number;
  skipped: number;
  cancelled: boolean;
}

export interface WorkspaceReviewParts {
  reviewer: FileReviewer;
  live: LiveReviewer;
  store: FindingsStore;
  log: vscode.LogOutputChannel;
}

/** Lets the progress notification repaint and a click on Cancel arrive between files. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Reviews one file; false when it could not be read (deleted meanwhile), and then it shows nothing. */
async function reviewOne(uri: vscode.Uri, parts: WorkspaceReviewParts): Promise<boolean> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) {
    await parts.reviewer.reviewDocument(open, 'workspace');
    return true;
  }
  try {
    await parts.reviewer.reviewFromDisk(uri, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), 'workspace');
    return true;
  } catch (error) {
    parts.log.warn(`${vscode.workspace.asRelativePath(uri)}: not readable: ${(error as Error).message}`);
    parts.live.dropFilesUnder(uri);
    return false;
  }
}

function summarize(summary: WorkspaceReviewSummary, seconds: string): string {
  if (summary.cancelled) return `Workspace review cancelled after ${summary.reviewed} of ${summary.files} files.`;
  const skipped = summary.skipped > 0 ? ` ${summary.skipped} skipped (see the Problems panel).` : '';
  return `Reviewed ${summary.reviewed} files in ${seconds} s: ${summary.findings} findings.${skipped}`;
}

/** Reviews every file; `reviewed` collects the files it covered (for Write Baseline). */
export async function reviewWorkspace(parts: WorkspaceReviewParts, reviewed: vscode.Uri[] = []): Promise<WorkspaceReviewSummary | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('Open a folder to review its Python files and templates.');
    return undefined;
  }
  const started = performance.now();
  const summary: WorkspaceReviewSummary = { files: 0, reviewed: 0, findings: 0, skipped: 0, cancelled: false };
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Llama Review', cancellable: true },
    async (progress, token) => {
      progress.report({ message: 'finding Python files and templates…' });
      const files = await findWorkspaceFiles(token);
      summary.files = files.length;
      for (const uri of files) {
        if (token.isCancellationRequested) break;
        progress.report({ message: `${summary.reviewed + 1}/${files.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / files.length });
        if (await reviewOne(uri, parts)) {
          parts.live.rememberWorkspaceFile(uri);
          reviewed.push(uri);
          const entry = parts.store.get(uri);
          summary.findings += entry?.findings.length ?? 0;
          if (entry?.skipped) summary.skipped++;
        }
        summary.reviewed++;
        await yieldToEventLoop();
      }
      summary.cancelled = token.isCancellationRequested;
      // Only a complete review knows which files are gone; a cancelled one leaves earlier results alone.
      if (!summary.cancelled) parts.live.keepOnlyWorkspaceFiles(files);
    },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  parts.log.info(`Workspace review: ${summary.reviewed}/${summary.files} files, ${summary.findings} findings, ${seconds} s${summary.cancelled ? ', cancelled' : ''}.`);
  // Not awaited: the message stays until dismissed, and the command's result should not wait for that.
  void vscode.window.showInformationMessage(summarize(summary, seconds), 'Open Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return summary;
}
