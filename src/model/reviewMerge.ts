// Verified model items against what the parse-based and taint rules already report. A repeat is
// not shown twice: the rule's finding stays as it is (it has the rule's text, fix and path) and the
// model's item is left out, counted as "already reported". Nothing is added to the rule's
// diagnostic, which belongs to the review that recomputes it on every edit.
import type { Finding } from '../analysis/finding';
import { kindsTheRulesCover } from './reviewKinds';
import type { VerifiedItem } from './reviewVerify';

export interface RepeatedItem {
  item: VerifiedItem;
  /** The finding it repeats: a rule's, or an earlier item of the same answer. */
  repeats: Finding | VerifiedItem;
}

export interface MergedReview {
  /** Items that say something new, to show. */
  fresh: VerifiedItem[];
  /** Items that repeat a rule's finding on their line. */
  alreadyReported: RepeatedItem[];
  /** Items that repeat an earlier item of the answer (same line, same CWE). */
  duplicates: RepeatedItem[];
}

function covers(finding: Finding, line: number): boolean {
  return finding.range.start.line <= line && line <= finding.range.end.line;
}

/**
 * A rule's security finding on the item's line is the same problem when it names the same CWE,
 * or when the item is of a kind the rules look for (an "injection" on a line the taint rules
 * flagged is theirs, whatever CWE the model picked).
 */
function repeatedFinding(candidate: VerifiedItem, findings: readonly Finding[]): Finding | undefined {
  const line = candidate.range.start.line;
  return findings.find((finding) => finding.category === 'security' && covers(finding, line) && (finding.cwe === candidate.item.cwe || kindsTheRulesCover.has(candidate.item.kind)));
}

export function mergeWithFindings(verified: readonly VerifiedItem[], findings: readonly Finding[]): MergedReview {
  const merged: MergedReview = { fresh: [], alreadyReported: [], duplicates: [] };
  for (const candidate of verified) {
    const finding = repeatedFinding(candidate, findings);
    if (finding) {
      merged.alreadyReported.push({ item: candidate, repeats: finding });
      continue;
    }
    const earlier = merged.fresh.find((kept) => kept.range.start.line === candidate.range.start.line && kept.item.cwe === candidate.item.cwe);
    if (earlier) merged.duplicates.push({ item: candidate, repeats: earlier });
    else merged.fresh.push(candidate);
  }
  return merged;
}
