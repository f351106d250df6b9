// The findings of every reviewed file and the diagnostics shown for them, kept together so that a
// code action always works on exactly what the Problems panel shows. Code actions read from here;
// they never analyze. Which findings are shown (all, new since the baseline, on changed lines) is
// chosen at presentation: the findings kept here stay whole.
import * as vscode from 'vscode';
import type { AnalysisResult } from '../analysis/engine';
import type { Finding, Severity } from '../analysis/finding';
import { skippedNotice, toDiagnostic } from './findingDiagnostic';
import { isSameOrUnder } from './goneFiles';

export interface FileFindings {
  uri: vscode.Uri;
  /** The document version analyzed; undefined when the text came from disk (workspace review). */
  version: number | undefined;
  findings: Finding[];
  skipped?: AnalysisResult['skipped'];
  timings: AnalysisResult['timings'];
  lineCount: number;
}

export type SeverityCounts = Record<Severity, number>;

export function emptyCounts(): SeverityCounts {
  return { error: 0, warning: 0, info: 0, hint: 0 };
}

/** The findings of a file that its diagnostics show. */
export type VisibleFindings = (entry: FileFindings) => readonly Finding[];

/** What the model's triage adds to a finding: a note in its message, and whether it is hidden. */
export interface FindingNotes {
  note(uri: vscode.Uri, finding: Finding): string | undefined;
  hidden(uri: vscode.Uri, finding: Finding): boolean;
}

export class FindingsStore implements vscode.Disposable {
  private readonly byUri = new Map<string, FileFindings>();
  private visibleFindings: VisibleFindings = (entry) => entry.findings;
  private notes?: FindingNotes;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a file's findings (and diagnostics) were replaced or removed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly diagnostics: vscode.DiagnosticCollection) {}

  publish(entry: FileFindings): void {
    this.byUri.set(entry.uri.toString(), entry);
    const shown = entry.skipped ? [skippedNotice(entry.skipped.message)] : this.kept(entry).map((finding) => toDiagnostic(finding, entry.uri, this.notes?.note(entry.uri, finding)));
    this.diagnostics.set(entry.uri, shown);
    this.changed.fire(entry.uri);
  }

  /** Chooses which findings the diagnostics show, and shows every file again with it. */
  showOnly(visible: VisibleFindings): void {
    this.visibleFindings = visible;
    this.refreshShown();
  }

  /** Notes (the model's verdicts) for the diagnostics, and the findings they hide; every file is shown again. */
  annotateWith(notes: FindingNotes): void {
    this.notes = notes;
    this.refreshShown();
  }

  /** The visible findings less those the notes hide. */
  private kept(entry: FileFindings): readonly Finding[] {
    const visible = this.visibleFindings(entry);
    const notes = this.notes;
    return notes ? visible.filter((finding) => !notes.hidden(entry.uri, finding)) : visible;
  }

  /** Findings of a file the notes hide (shown by the filter, hidden by triage). */
  hiddenCount(uri: vscode.Uri): number {
    const entry = this.get(uri);
    return entry && !entry.skipped ? this.visibleFindings(entry).length - this.kept(entry).length : 0;
  }

  /** Shows every file again: what the filter lets through has changed (a new baseline, new changes). */
  refreshShown(): void {
    for (const entry of [...this.byUri.values()]) this.publish(entry);
  }

  /** The findings a file's diagnostics show. */
  shownFindings(uri: vscode.Uri): readonly Finding[] {
    const entry = this.get(uri);
    return entry && !entry.skipped ? this.kept(entry) : [];
  }

  delete(uri: vscode.Uri): void {
    const hadEntry = this.byUri.delete(uri.toString());
    this.diagnostics.delete(uri);
    if (hadEntry) this.changed.fire(uri);
  }

  /** Removes a file's findings, or those of every file under a deleted folder. */
  deleteUnder(uri: vscode.Uri): void {
    const folder = uri.toString();
    for (const [key, entry] of [...this.byUri]) {
      if (isSameOrUnder(key, folder)) this.delete(entry.uri);
    }
  }

  get(uri: vscode.Uri): FileFindings | undefined {
    return this.byUri.get(uri.toString());
  }

  /** Findings that match the document's current text, or undefined while a review is pending. */
  forDocument(document: vscode.TextDocument): FileFindings | undefined {
    const entry = this.get(document.uri);
    return entry && entry.version === document.version ? entry : undefined;
  }

  /** Counts of the findings shown for a file. */
  countsFor(uri: vscode.Uri): SeverityCounts {
    const counts = emptyCounts();
    for (const finding of this.shownFindings(uri)) counts[finding.severity]++;
    return counts;
  }

  /** Every file with findings kept here. */
  entries(): FileFindings[] {
    return [...this.byUri.values()];
  }

  /** Shown findings across every reviewed file, and how many files have any. */
  totals(): { counts: SeverityCounts; files: number } {
    const counts = emptyCounts();
    let files = 0;
    for (const entry of this.byUri.values()) {
      const shown = this.shownFindings(entry.uri);
      if (shown.length > 0) files++;
      for (const finding of shown) counts[finding.severity]++;
    }
    return { counts, files };
  }

  clear(): void {
    this.byUri.clear();
    this.diagnostics.clear();
  }

  dispose(): void {
    this.clear();
    this.diagnostics.dispose();
    this.changed.dispose();
  }
}
