// Document events -> reviews -> diagnostics. Open and save review at once; edits wait for a pause
// in typing (llamaReview.debounceMs), and a newer edit cancels the review still waiting for an
// older version. Analysis runs on a worker thread, never per keystroke. Closing or deleting a
// file clears its diagnostics. Saving a file reviews the other open files again, since flow
// follows calls into the helpers they import.
import * as vscode from 'vscode';
import { readEditorSettings } from './config';
import type { FileReviewer, ReviewTrigger } from './fileReviewer';
import type { FindingsStore } from './findingsStore';

/** Other open files are reviewed again this long after a save, so the saved file goes first. */
const dependencyDelayMs = 400;

/** Schemes of real files and unsaved buffers; not git views, output panes or our own docs. */
const reviewableSchemes = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

export class LiveReviewer implements vscode.Disposable {
  /** Per document URI: the review waiting to run. */
  private readonly waiting = new Map<string, ReturnType<typeof setTimeout>>();
  /** Files a workspace review covered: closing them restores their on-disk findings. */
  private readonly workspaceFiles = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly reviewer: FileReviewer,
    private readonly store: FindingsStore,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 'open', 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onEdit(event)),
      vscode.workspace.onDidSaveTextDocument((document) => this.onSave(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.onClose(document)),
      vscode.workspace.onDidDeleteFiles((event) => event.files.forEach((uri) => this.onDeleted(uri))),
      vscode.workspace.onDidRenameFiles((event) => event.files.forEach(({ oldUri }) => this.onDeleted(oldUri))),
      vscode.workspace.onDidCreateFiles(() => this.reviewer.forgetProjectFiles()),
      this.watchFilesOnDisk(),
    );
  }

  isReviewable(document: vscode.TextDocument): boolean {
    return reviewableSchemes.has(document.uri.scheme) && this.reviewer.languageOf(document) !== undefined;
  }

  /** Reviews every open document again, e.g. after a settings change. */
  reviewOpenDocuments(trigger: ReviewTrigger): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, trigger, 0);
  }

  /** Remembers that a workspace review covered this file. */
  rememberWorkspaceFile(uri: vscode.Uri): void {
    this.workspaceFiles.add(uri.toString());
  }

  private onEdit(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) return; // dirty-state only changes
    const settings = readEditorSettings(event.document);
    if (settings.reviewOnType) this.schedule(event.document, 'edit', settings.debounceMs);
    else this.cancel(event.document.uri);
  }

  private onSave(document: vscode.TextDocument): void {
    this.schedule(document, 'save', 0);
    if (!this.isReviewable(document)) return;
    // Other open files may call into this one: their paths through it may have changed.
    for (const other of vscode.workspace.textDocuments) if (other !== document && this.isReviewable(other)) this.schedule(other, 'dependency', dependencyDelayMs);
  }

  private schedule(document: vscode.TextDocument, trigger: ReviewTrigger, delayMs: number): void {
    if (!this.isReviewable(document)) return;
    this.cancel(document.uri);
    const version = document.version;
    const requestedAt = performance.now();
    const key = document.uri.toString();
    this.waiting.set(
      key,
      setTimeout(() => {
        this.waiting.delete(key);
        // A newer version has its own review scheduled; a closed document needs none.
        if (document.isClosed || document.version !== version) return;
        void this.reviewer.reviewDocument(document, trigger, requestedAt);
      }, delayMs),
    );
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.waiting.get(key));
    this.waiting.delete(key);
  }

  private onClose(document: vscode.TextDocument): void {
    if (!this.isReviewable(document)) return;
    this.cancel(document.uri);
    this.reviewer.forget(document.uri);
    if (this.workspaceFiles.has(document.uri.toString())) void this.reviewOnDisk(document.uri);
    else this.store.delete(document.uri);
  }

  private async reviewOnDisk(uri: vscode.Uri): Promise<void> {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      await this.reviewer.reviewFromDisk(uri, text, 'close');
    } catch {
      this.onDeleted(uri);
    }
  }

  private onDeleted(uri: vscode.Uri): void {
    this.reviewer.forgetProjectFiles();
    const prefix = uri.toString() + '/';
    // A deleted folder takes the findings of every file in it along.
    for (const key of [...this.workspaceFiles]) {
      if (key === uri.toString() || key.startsWith(prefix)) this.workspaceFiles.delete(key);
    }
    this.cancel(uri);
    this.store.deleteUnder(uri);
  }

  /** Files created or deleted outside VS Code (a terminal, git) raise no workspace events. */
  private watchFilesOnDisk(): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{py,pyi}', false, true, false);
    watcher.onDidCreate(() => this.reviewer.forgetProjectFiles());
    watcher.onDidDelete((uri) => this.onDeleted(uri));
    return watcher;
  }

  dispose(): void {
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
