// What a model security review tells the log and the user about its items: one line per dropped
// item (debug), a summary with the counts and reasons (info), and a short notice. Dropped items
// are counted everywhere, so a review that shows nothing is told apart from one that found nothing.
import type { ReviewOutcome } from './reviewOutcome';
import type { DropReason, DroppedItem } from './reviewVerify';

const reasonNames: Record<DropReason, string> = {
  'outside-span': 'line outside the reviewed lines',
  'unknown-cwe': 'unknown CWE',
  'no-message': 'no message',
  'evidence-too-short': 'quoted code too short',
  'evidence-not-found': 'quoted code not found',
};

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The review outcomes of several spans (a file reviewed function by function) as one. */
export function combinedOutcome(outcomes: readonly ReviewOutcome[]): ReviewOutcome {
  return {
    findings: outcomes.flatMap((outcome) => outcome.findings),
    dropped: outcomes.flatMap((outcome) => outcome.dropped),
    alreadyReported: outcomes.flatMap((outcome) => outcome.alreadyReported),
    duplicates: outcomes.flatMap((outcome) => outcome.duplicates),
    moved: outcomes.flatMap((outcome) => outcome.moved),
  };
}

export function droppedItemLine(dropped: DroppedItem): string {
  const { item } = dropped;
  return `Model review: dropped the item at line ${item.line} (${item.kind}, CWE-${item.cwe}): ${dropped.detail}.`;
}

/** "3 items: 1 shown, 1 already reported by the rules, 1 dropped as unverifiable (1 quoted code not found)". */
export function reviewSummary(outcome: ReviewOutcome, where: string): string {
  const total = outcome.findings.length + outcome.alreadyReported.length + outcome.duplicates.length + outcome.dropped.length;
  const parts = [`${outcome.findings.length} shown`];
  if (outcome.alreadyReported.length > 0) parts.push(`${outcome.alreadyReported.length} already reported by the rules`);
  if (outcome.duplicates.length > 0) parts.push(`${plural(outcome.duplicates.length, 'repeat')} of another item`);
  if (outcome.dropped.length > 0) {
    const reasons = new Map<DropReason, number>();
    for (const dropped of outcome.dropped) reasons.set(dropped.reason, (reasons.get(dropped.reason) ?? 0) + 1);
    const why = [...reasons].map(([reason, count]) => `${count} ${reasonNames[reason]}`).join(', ');
    parts.push(`${outcome.dropped.length} dropped as unverifiable (${why})`);
  }
  const moved = outcome.moved.length > 0 ? `; ${plural(outcome.moved.length, 'item')} moved to the line its code is on` : '';
  return `Model review of ${where}: ${plural(total, 'item')}: ${parts.join(', ')}${moved}.`;
}

/** What the user is told when the review is done. */
export function reviewNotice(outcome: ReviewOutcome, where: string): string {
  const found = outcome.findings.length > 0
    ? `The model review found ${plural(outcome.findings.length, 'security problem')} in ${where} (see the Problems panel).`
    : `The model review found no security problems in ${where} beyond those already reported.`;
  const repeated = outcome.alreadyReported.length > 0 ? ` ${outcome.alreadyReported.length} repeated ${outcome.alreadyReported.length === 1 ? 'a finding' : 'findings'} already shown.` : '';
  const dropped = outcome.dropped.length > 0
    ? ` ${plural(outcome.dropped.length, 'item')} could not be verified against the code and ${outcome.dropped.length === 1 ? 'was' : 'were'} dropped (see the Llama Review log).`
    : '';
  return `${found}${repeated}${dropped}`;
}
