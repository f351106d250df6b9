// The lines changed against HEAD in each workspace folder, asked of git (src/analysis/changes/) when first
// needed and again after a save or a change on disk (an edit, a commit, a checkout), so that
// "changed lines" follows the working tree. git does not run in a restricted workspace: a cloned
// repository's git configuration can name programs to run.
import * as vscode from 'vscode';
import type { ChangedLines } from '../analysis/changes/changedLines';
import { changedLinesSince } from '../analysis/changes/gitChanges';

export interface FolderChanges {
  /** Undefined when git could not say (see `problem`). */
  lines?: ChangedLines;
  problem?: string;
}

/** Changes on disk come in bursts (a checkout, a save that formats); git is asked once per burst. */
const refreshDelayMs = 300;

export class WorkspaceChanges implements vscode.Disposable {
  private readonly byFolder = new Map<string, FolderChanges>();
  private readonly asking = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a folder's changed lines were read or read again. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts refreshes, so an answer that a later change overtook is not kept. */
  private generation = 0;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.subscriptions = [
      watcher,
      watcher.onDidCreate(() => this.refreshSoon()),
      watcher.onDidChange(() => this.refreshSoon()),
      watcher.onDidDelete(() => this.refreshSoon()),
      vscode.workspace.onDidSaveTextDocument(() => this.refreshSoon()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refreshSoon()),
    ];
  }

  /** The folder's changed lines if git answered; otherwise undefined, and git is asked (onDidChange fires when it answers). */
  current(folder: vscode.WorkspaceFolder): FolderChanges | undefined {
    const key = folder.uri.toString();
    const known = this.byFolder.get(key);
    if (!known && !this.asking.has(key)) void this.ask(folder);
    return known;
  }

  private refreshSoon(): void {
    // Nothing asked yet: nothing to refresh.
    if (this.byFolder.size === 0 && this.asking.size === 0) return;
    clearTimeout(this.refreshTimer);
    // The last answer stays in use until git gives the next, so findings do not flicker.
    this.refreshTimer = setTimeout(() => {
      this.generation++;
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        const key = folder.uri.toString();
        if (this.byFolder.has(key) && !this.asking.has(key)) void this.ask(folder);
      }
    }, refreshDelayMs);
  }

  private async ask(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    const generation = this.generation;
    this.asking.add(key);
    let changes: FolderChanges;
    try {
      if (!vscode.workspace.isTrusted) changes = { problem: 'git does not run in a restricted workspace' };
      else if (folder.uri.scheme !== 'file') changes = { problem: 'the folder is not on this machine' };
      else changes = { lines: await changedLinesSince('HEAD', [folder.uri.fsPath]) };
    } catch (error) {
      changes = { problem: (error as Error).message };
    } finally {
      this.asking.delete(key);
    }
    if (generation !== this.generation) return void this.ask(folder);
    if (changes.problem && this.byFolder.get(key)?.problem !== changes.problem) this.log.warn(`Changed lines of ${folder.name}: ${changes.problem}; every finding is shown.`);
    this.byFolder.set(key, changes);
    this.changed.fire();
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.changed.dispose();
  }
}
