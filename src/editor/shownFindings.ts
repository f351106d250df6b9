// Which findings the Problems panel shows (llamaReview.showFindings): all of them, those not in
// the folder's baseline, or those on lines changed since HEAD. The store keeps every finding and
// asks this which to show; when a baseline or git's answer arrives or changes, every file is shown
// again. Where a mode cannot apply (no baseline file, no git) every finding is shown, and the status
// bar says why.
import * as vscode from 'vscode';
import { baselineEntry, baselinePath, compareWithBaseline } from '../analysis/baseline';
import type { Finding } from '../analysis/finding';
import { readShowFindings, type ShowFindings } from './config';
import type { FileFindings, FindingsStore } from './findingsStore';
import { WorkspaceBaselines } from './workspaceBaselines';
import { WorkspaceChanges } from './workspaceChanges';

export interface ShownMode {
  mode: ShowFindings;
  /** For the status bar: "new since baseline". */
  label: string;
  /** Why the mode shows every finding of this file, when it does. */
  problem?: string;
}

const labels: Record<ShowFindings, string> = { all: 'all findings', newSinceBaseline: 'new since baseline', changedLines: 'changed lines' };

export class ShownFindings implements vscode.Disposable {
  private readonly baselines: WorkspaceBaselines;
  private readonly changes: WorkspaceChanges;
  private readonly subscriptions: vscode.Disposable[];

  constructor(store: FindingsStore, log: vscode.LogOutputChannel) {
    this.baselines = new WorkspaceBaselines(log);
    this.changes = new WorkspaceChanges(log);
    this.subscriptions = [
      this.baselines,
      this.changes,
      this.baselines.onDidChange(() => store.refreshShown()),
      this.changes.onDidChange(() => store.refreshShown()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('llamaReview.baselineFile')) this.baselines.forgetAll();
        else if (event.affectsConfiguration('llamaReview.showFindings')) store.refreshShown();
      }),
    ];
    store.showOnly((entry) => this.visible(entry));
  }

  /** The findings of a file to show in its mode. */
  private visible(entry: FileFindings): readonly Finding[] {
    const mode = readShowFindings(entry.uri);
    if (mode === 'all') return entry.findings;
    const folder = vscode.workspace.getWorkspaceFolder(entry.uri);
    // A file outside every folder, or unsaved, has no baseline entry and no history: all of it is new.
    if (!folder) return entry.findings;
    if (mode === 'newSinceBaseline') {
      const baseline = this.baselines.current(folder);
      if (!baseline?.byPath) return entry.findings;
      const path = baselinePath(baseline.root, entry.uri.fsPath);
      const located = entry.findings.map((finding) => ({ path, finding }));
      return compareWithBaseline(located, baselineEntry, baseline.byPath.get(path) ?? []).fresh.map(({ finding }) => finding);
    }
    const changes = this.changes.current(folder)?.lines;
    return changes ? entry.findings.filter((finding) => changes.touches(entry.uri.fsPath, finding.range)) : entry.findings;
  }

  /** The mode for a file, and why it shows every finding there when it cannot apply. */
  modeFor(uri: vscode.Uri): ShownMode {
    const mode = readShowFindings(uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    let problem: string | undefined;
    if (mode === 'newSinceBaseline') {
      const baseline = folder && this.baselines.current(folder);
      problem = !folder ? 'the file is in no workspace folder' : baseline ? baseline.problem : 'reading the baseline';
    } else if (mode === 'changedLines') {
      const changes = folder && this.changes.current(folder);
      problem = !folder ? 'the file is in no workspace folder' : changes ? changes.problem : 'asking git';
    }
    return { mode, label: labels[mode], problem };
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
