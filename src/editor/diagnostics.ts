// Document events -> reviews -> diagnostics. Open and save review at once; edits wait for a pause
// in typing (llamaReview.debounceMs), and a newer edit cancels the review still waiting for an
// older version. Analysis runs on a worker thread, never per keystroke. Closing a file clears its
// diagnostics; so does deleting or renaming it or a folder above it (in VS Code or on disk), and
// closing a workspace folder clears the findings a workspace review found in it. Saving a file
// reviews the other open files again, since flow follows calls into the helpers they import.
import * as vscode from 'vscode';
import { readEditorSettings } from './config';
import type { FileReviewer, ReviewTrigger } from './fileReviewer';
import type { FindingsStore } from './findingsStore';
import { goneWorkspaceFiles, importedModulesGlob, isSameOrUnder, mayHoldImportedModules } from './goneFiles';
import { onFilesRemoved } from './removedFiles';

/** Other open files are reviewed again this long after a save, so the saved file goes first. */
const dependencyDelayMs = 400;

/** Schemes of real files and unsaved buffers; not git views, output panes or our own docs. */
const reviewableSchemes = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

export class LiveReviewer implements vscode.Disposable {
  /** Per document URI: the review waiting to run. */
  private readonly waiting = new Map<string, ReturnType<typeof setTimeout>>();
  /** Files a workspace review covered, by URI string: closing them restores their on-disk findings. */
  private readonly workspaceFiles = new Map<string, vscode.Uri>();
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
      onFilesRemoved((uri) => this.dropFilesUnder(uri)),
      vscode.workspace.onDidCreateFiles(() => this.reviewer.forgetProjectFiles()),
      this.watchCreatedFilesOnDisk(),
      vscode.workspace.onDidChangeWorkspaceFolders((event) => event.removed.forEach((folder) => this.onFolderRemoved(folder.uri))),
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
    this.workspaceFiles.set(uri.toString(), uri);
  }

  /** After a complete workspace review: the files it covered before and found no more (deleted, newly excluded) lose their findings. */
  keepOnlyWorkspaceFiles(found: readonly vscode.Uri[]): void {
    const stillThere = new Set(found.map((uri) => uri.toString()));
    this.forgetWorkspaceFiles((key) => !stillThere.has(key));
  }

  /** A file or folder is gone: its findings, and those of every file under it, go with it. */
  dropFilesUnder(uri: vscode.Uri): void {
    if (mayHoldImportedModules(uri.path)) this.reviewer.forgetProjectFiles();
    const folder = uri.toString();
    for (const key of [...this.workspaceFiles.keys()]) {
      if (isSameOrUnder(key, folder)) this.workspaceFiles.delete(key);
    }
    for (const key of [...this.waiting.keys()]) {
      if (isSameOrUnder(key, folder)) this.cancelKey(key);
    }
    this.store.deleteUnder(uri);
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
    this.cancelKey(uri.toString());
  }

  private cancelKey(key: string): void {
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
      this.dropFilesUnder(uri);
    }
  }

  /** A workspace folder was closed: what the workspace review found in it goes, but open files keep their live findings. */
  private onFolderRemoved(folder: vscode.Uri): void {
    this.reviewer.forgetProjectFiles();
    const key = folder.toString();
    this.forgetWorkspaceFiles((file) => isSameOrUnder(file, key));
  }

  private forgetWorkspaceFiles(gone: (key: string) => boolean): void {
    const open = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
    const { forget, clear } = goneWorkspaceFiles(this.workspaceFiles.keys(), gone, open);
    for (const key of clear) this.store.delete(this.workspaceFiles.get(key)!);
    for (const key of forget) this.workspaceFiles.delete(key);
  }

  /** Files created outside VS Code (a terminal, git) raise no workspace events; removals come from onFilesRemoved. */
  private watchCreatedFilesOnDisk(): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(importedModulesGlob(), false, true, true);
    watcher.onDidCreate(() => this.reviewer.forgetProjectFiles());
    return watcher;
  }

  dispose(): void {
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
