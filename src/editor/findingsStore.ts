// The findings of every reviewed file and the diagnostics shown for them, kept together so that a
// code action always works on exactly what the Problems panel shows. Code actions read from here;
// they never analyze.
import * as vscode from 'vscode';
import type { AnalysisResult } from '../analysis/engine';
import type { Finding, Severity } from '../analysis/finding';
import { skippedNotice, toDiagnostic } from './findingDiagnostic';

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

export class FindingsStore implements vscode.Disposable {
  private readonly byUri = new Map<string, FileFindings>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a file's findings (and diagnostics) were replaced or removed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly diagnostics: vscode.DiagnosticCollection) {}

  publish(entry: FileFindings): void {
    this.byUri.set(entry.uri.toString(), entry);
    const shown = entry.skipped ? [skippedNotice(entry.skipped.message)] : entry.findings.map((finding) => toDiagnostic(finding, entry.uri));
    this.diagnostics.set(entry.uri, shown);
    this.changed.fire(entry.uri);
  }

  delete(uri: vscode.Uri): void {
    const hadEntry = this.byUri.delete(uri.toString());
    this.diagnostics.delete(uri);
    if (hadEntry) this.changed.fire(uri);
  }

  /** Removes a file's findings, or those of every file under a deleted folder. */
  deleteUnder(uri: vscode.Uri): void {
    const prefix = uri.toString() + '/';
    for (const [key, entry] of [...this.byUri]) {
      if (key.startsWith(prefix)) this.delete(entry.uri);
    }
    this.delete(uri);
  }

  get(uri: vscode.Uri): FileFindings | undefined {
    return this.byUri.get(uri.toString());
  }

  /** Findings that match the document's current text, or undefined while a review is pending. */
  forDocument(document: vscode.TextDocument): FileFindings | undefined {
    const entry = this.get(document.uri);
    return entry && entry.version === document.version ? entry : undefined;
  }

  countsFor(uri: vscode.Uri): SeverityCounts {
    const counts = emptyCounts();
    for (const finding of this.get(uri)?.findings ?? []) counts[finding.severity]++;
    return counts;
  }

  /** Findings across every reviewed file, and how many files have any. */
  totals(): { counts: SeverityCounts; files: number } {
    const counts = emptyCounts();
    let files = 0;
    for (const entry of this.byUri.values()) {
      if (entry.findings.length > 0) files++;
      for (const finding of entry.findings) counts[finding.severity]++;
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
