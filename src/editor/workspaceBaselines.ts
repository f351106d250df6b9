// The baseline of each workspace folder (llamaReview.baselineFile), read when first needed and
// again when the file changes on disk (written by the command, the CLI or a checkout) or the
// setting changes. A missing or unreadable baseline is reported once in the log, and the folder's
// findings are then all shown: with no baseline, every finding is new.
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { parseBaseline, type BaselineEntry } from '../analysis/baseline';
import { baselineFileOf } from './config';

export interface FolderBaseline {
  file: vscode.Uri;
  /** The folder that entries' paths are relative to: the baseline file's own. */
  root: string;
  /** Entries per path; undefined when there is no usable baseline (see `problem`). */
  byPath?: ReadonlyMap<string, BaselineEntry[]>;
  problem?: string;
}

export class WorkspaceBaselines implements vscode.Disposable {
  private readonly byFolder = new Map<string, FolderBaseline>();
  private readonly reading = new Set<string>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  /** Counts forgets, so a read that a change overtook is not kept. */
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a folder's baseline was read, re-read or forgotten. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** The folder's baseline if it was read; otherwise undefined, and it is read (onDidChange fires when it is). */
  current(folder: vscode.WorkspaceFolder): FolderBaseline | undefined {
    const key = folder.uri.toString();
    const known = this.byFolder.get(key);
    if (!known && !this.reading.has(key)) void this.read(folder);
    return known;
  }

  /** Forgets every baseline (the setting changed); the next look reads them again. */
  forgetAll(): void {
    this.generation++;
    this.byFolder.clear();
    for (const watcher of this.watchers.values()) watcher.dispose();
    this.watchers.clear();
    this.changed.fire();
  }

  private async read(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    const file = baselineFileOf(folder);
    const generation = this.generation;
    this.reading.add(key);
    this.watch(key, file);
    const baseline: FolderBaseline = { file, root: dirname(file.fsPath) };
    try {
      const entries = parseBaseline(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))).findings;
      const byPath = new Map<string, BaselineEntry[]>();
      for (const entry of entries) byPath.set(entry.path, [...(byPath.get(entry.path) ?? []), entry]);
      baseline.byPath = byPath;
      this.log.info(`Baseline ${vscode.workspace.asRelativePath(file)}: ${entries.length} findings.`);
    } catch (error) {
      const missing = error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
      baseline.problem = missing ? 'no baseline file' : `the baseline cannot be read: ${(error as Error).message}`;
      this.log.warn(`Baseline ${vscode.workspace.asRelativePath(file)}: ${baseline.problem}; every finding is shown.`);
    } finally {
      this.reading.delete(key);
    }
    if (generation !== this.generation) return void this.read(folder);
    this.byFolder.set(key, baseline);
    this.changed.fire();
  }

  /** Reads the folder's baseline again whenever its file is created, changed or deleted. */
  private watch(key: string, file: vscode.Uri): void {
    if (this.watchers.has(key)) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(file, '..'), file.path.slice(file.path.lastIndexOf('/') + 1)));
    // The old baseline stays in use until the new one is read, so findings do not flicker.
    const readAgain = () => {
      this.generation++;
      const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.uri.toString() === key);
      if (folder && !this.reading.has(key)) void this.read(folder);
    };
    watcher.onDidCreate(readAgain);
    watcher.onDidChange(readAgain);
    watcher.onDidDelete(readAgain);
    this.watchers.set(key, watcher);
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.dispose();
    this.changed.dispose();
  }
}
