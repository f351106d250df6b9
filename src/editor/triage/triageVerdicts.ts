// The model's verdicts on the findings of open files, kept beside the findings (never replacing
// them): a note in each finding's message, and, when llamaReview.triage.hideFalsePositives is on,
// verified false positives left out of the Problems panel. A verdict holds only while the lines
// the model was shown are unchanged: any edit to them drops it.
import * as vscode from 'vscode';
import type { Finding } from '../../analysis/finding';
import type { TriageResult } from '../../model/triage/triageFinding';
import { verdictNote } from '../../model/triage/verdictNote';
import type { FindingNotes } from '../findingsStore';

interface HeldVerdict {
  result: TriageResult;
  /** 1-based lines the prompt showed, and their text then. */
  shownLines: number[];
  shownText: string;
}

function linesText(lines: readonly string[], shown: readonly number[]): string {
  return shown.map((line) => lines[line - 1] ?? '').join('\n');
}

/** A finding is the same finding while its rule and fingerprint are. */
function findingKey(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.contentFingerprint ?? `${finding.range.start.line}:${finding.message}`}`;
}

export const hideFalsePositivesSetting = 'llamaReview.triage.hideFalsePositives';

export class TriageVerdicts implements FindingNotes, vscode.Disposable {
  private readonly byDocument = new Map<string, Map<string, HeldVerdict>>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a verdict arrives or an edit drops one. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.dropChanged(event.document);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(hideFalsePositivesSetting)) this.changed.fire();
      }),
    ];
  }

  record(uri: vscode.Uri, text: string, finding: Finding, result: TriageResult, shownLines: readonly number[]): void {
    const key = uri.toString();
    let verdicts = this.byDocument.get(key);
    if (!verdicts) this.byDocument.set(key, (verdicts = new Map()));
    verdicts.set(findingKey(finding), { result, shownLines: [...shownLines], shownText: linesText(text.split(/\r?\n/), shownLines) });
    this.changed.fire();
  }

  verdictOf(uri: vscode.Uri, finding: Finding): TriageResult | undefined {
    return this.byDocument.get(uri.toString())?.get(findingKey(finding))?.result;
  }

  note(uri: vscode.Uri, finding: Finding): string | undefined {
    const result = this.verdictOf(uri, finding);
    return result && verdictNote(result);
  }

  hidden(uri: vscode.Uri, finding: Finding): boolean {
    const result = this.verdictOf(uri, finding);
    if (!result?.verified || result.verdict !== 'false-positive') return false;
    return vscode.workspace.getConfiguration('llamaReview', uri).get<boolean>('triage.hideFalsePositives', false);
  }

  /** Drops the verdicts whose shown lines the edit touched. */
  private dropChanged(document: vscode.TextDocument): void {
    const verdicts = this.byDocument.get(document.uri.toString());
    if (!verdicts) return;
    const lines = document.getText().split(/\r?\n/);
    let dropped = false;
    for (const [key, held] of verdicts) {
      if (linesText(lines, held.shownLines) === held.shownText) continue;
      verdicts.delete(key);
      dropped = true;
    }
    if (dropped) this.changed.fire();
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.changed.dispose();
  }
}
