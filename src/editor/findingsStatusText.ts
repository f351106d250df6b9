// Words for the findings status bar item: the counts as a sentence, and a plain-text label for
// screen readers (the item's text is codicons and numbers). No vscode here, so it is unit-tested
// in plain Node.
import type { Severity } from '../analysis/finding';

export type SeverityCounts = Record<Severity, number>;

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function countsSentence(counts: SeverityCounts): string {
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info + counts.hint} info`;
}

/** What the item shows for the active file. */
export type FindingsStatus =
  | { kind: 'off' }
  | { kind: 'skipped'; fileName: string; reason: string }
  | { kind: 'pending'; fileName: string }
  /** `shownLabel`: which findings are shown when not all are (e.g. "new since baseline"). */
  | { kind: 'reviewed'; fileName: string; counts: SeverityCounts; shownLabel?: string; hiddenByTriage?: number };

export function findingsAccessibilityLabel(status: FindingsStatus): string {
  const opens = 'Opens the Problems panel.';
  switch (status.kind) {
    case 'off':
      return `Llama Review is turned off. ${opens}`;
    case 'skipped':
      return `Llama Review skipped ${status.fileName}: ${status.reason}. ${opens}`;
    case 'pending':
      return `Llama Review is reviewing ${status.fileName}. ${opens}`;
    case 'reviewed': {
      const shown = status.shownLabel ? `, showing ${status.shownLabel}` : '';
      const hidden = status.hiddenByTriage ? `, ${plural(status.hiddenByTriage, 'finding')} hidden as likely false positive` : '';
      return `Llama Review, ${status.fileName}: ${countsSentence(status.counts)}${shown}${hidden}. ${opens}`;
    }
  }
}
