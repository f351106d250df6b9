// Status bar item: the active Python file's finding counts (or why it was not reviewed), with the
// workspace totals and the last review's timing in the tooltip, and which findings are shown when
// not all of them are (llamaReview.showFindings). A click opens the Problems panel.
import * as vscode from 'vscode';
import { readEditorSettings } from './config';
import type { FindingsStore, SeverityCounts } from './findingsStore';
import { countsSentence, findingsAccessibilityLabel, plural, type FindingsStatus } from './findingsStatusText';
import type { ShownFindings, ShownMode } from './shownFindings';

function countsText(counts: SeverityCounts): string {
  const parts = [
    counts.error > 0 ? `$(error) ${counts.error}` : '',
    counts.warning > 0 ? `$(warning) ${counts.warning}` : '',
    counts.info + counts.hint > 0 ? `$(info) ${counts.info + counts.hint}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : '$(check)';
}

const modeSentences: Record<ShownMode['mode'], string> = {
  all: '',
  newSinceBaseline: 'only findings that are not in the baseline (`llamaReview.baselineFile`)',
  changedLines: 'only findings on lines changed since the last commit (git, against HEAD)',
};

function modeSentence(shown: ShownMode): string {
  const what = shown.problem ? `every finding, since ${shown.problem}` : modeSentences[shown.mode];
  return `Llama Review: ${shown.label}. Showing ${what} (\`llamaReview.showFindings\`).`;
}

export class FindingsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('llamaReview.findings', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];
  private shownText = '';
  private shownLabel = '';

  constructor(
    private readonly store: FindingsStore,
    private readonly isReviewable: (document: vscode.TextDocument) => boolean,
    private readonly shown: ShownFindings,
  ) {
    this.item.name = 'Llama Review findings';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions = [
      store.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('llamaReview.enable') || event.affectsConfiguration('llamaReview.showFindings')) this.update();
      }),
    ];
    this.update();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !this.isReviewable(document)) {
      this.item.hide();
      this.shownText = '';
      this.shownLabel = '';
      return;
    }
    const name = vscode.workspace.asRelativePath(document.uri);
    const entry = this.store.get(document.uri);
    const tooltip = new vscode.MarkdownString();
    let status: FindingsStatus;
    if (!readEditorSettings(document).enabled) {
      this.item.text = '$(circle-slash) Llama Review';
      tooltip.appendMarkdown('Llama Review is turned off (`llamaReview.enable`).');
      status = { kind: 'off' };
    } else if (entry?.skipped) {
      this.item.text = '$(warning) Llama Review: skipped';
      tooltip.appendText(`${name}: ${entry.skipped.message}`);
      status = { kind: 'skipped', fileName: name, reason: entry.skipped.message };
    } else if (!entry) {
      this.item.text = '$(sync~spin) Llama Review';
      tooltip.appendText(`${name}: review pending`);
      status = { kind: 'pending', fileName: name };
    } else {
      const counts = this.store.countsFor(document.uri);
      const total = entry.timings.parseMs + entry.timings.checkMs;
      const shown = this.shown.modeFor(document.uri);
      const hidden = this.store.hiddenCount(document.uri);
      this.item.text = `$(shield) ${countsText(counts)}${shown.mode === 'all' ? '' : ` · ${shown.label}`}${hidden ? ` · ${hidden} hidden` : ''}`;
      tooltip.appendText(`${name}: ${countsSentence(counts)}; reviewed in ${total.toFixed(1)} ms`);
      if (shown.mode !== 'all') tooltip.appendMarkdown(`\n\n${modeSentence(shown)}`);
      if (hidden) {
        tooltip.appendMarkdown(`\n\n${plural(hidden, 'finding')} the model marked as likely false positive ${hidden === 1 ? 'is' : 'are'} hidden (\`llamaReview.triage.hideFalsePositives\`). `);
        tooltip.appendMarkdown('Run **Llama Review: Show Findings Hidden by Triage** to see them again.');
      }
      status = { kind: 'reviewed', fileName: name, counts, shownLabel: shown.mode === 'all' ? undefined : shown.label, hiddenByTriage: hidden || undefined };
    }
    // The text is codicons and numbers and the tooltip Markdown: screen readers get a sentence.
    this.shownLabel = findingsAccessibilityLabel(status);
    this.item.accessibilityInformation = { label: this.shownLabel, role: 'button' };
    const totals = this.store.totals();
    tooltip.appendMarkdown(`\n\nAll reviewed files: ${countsSentence(totals.counts)} in ${plural(totals.files, 'file')}.`);
    tooltip.appendMarkdown('\n\nClick to open the Problems panel.');
    this.item.tooltip = tooltip;
    this.item.show();
    this.shownText = this.item.text;
  }

  /** What the item says now ('' while hidden), for the integration tests. */
  get text(): string {
    return this.shownText;
  }

  /** What a screen reader says for the item now ('' while hidden), for the integration tests. */
  get accessibilityLabel(): string {
    return this.shownLabel;
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.item.dispose();
  }
}
