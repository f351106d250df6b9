// A model's triage verdict as the reports show it: words after the finding in text, a `triage`
// object in JSON, and in SARIF a property bag plus, for a false positive, a suppression that is
// only under review. It is never `accepted`: SARIF counts a result as suppressed only when a
// suppression is accepted (or has no status), and accepting is for a person who has read the
// code, not for a model. Only verified verdicts can say "false positive" (see verifyVerdict).
import type { Finding } from '../../analysis/finding';
import { oneLine, verdictNote } from '../../model/triage/verdictNote';

export interface FindingVerdict {
  verdict: 'true-positive' | 'false-positive' | 'unsure';
  reason: string;
  /** 1-based. */
  evidenceLines: number[];
  fixHint: string;
  /** The model that answered. */
  model: string;
  verified: boolean;
  /** Why verification turned the answer to unsure. */
  rejected: string[];
}

/** The verdict on a finding, by the finding object itself; undefined where none was asked for. */
export type VerdictLookup = (finding: Finding) => FindingVerdict | undefined;

/** `model: likely false positive: <reason>` and its siblings, for the text and GitHub reports (the editor's words too). */
export const verdictText: (verdict: FindingVerdict) => string = verdictNote;

/** The JSON report's `triage` object (and SARIF's `llamaReview/triage` property). */
export function verdictProperties(verdict: FindingVerdict) {
  const { verdict: said, reason, evidenceLines, fixHint, model, verified, rejected } = verdict;
  return { verdict: said, reason, evidenceLines, fixHint, model, verified, rejected };
}

/** What a SARIF result gains from a verdict. */
export function sarifVerdict(verdict: FindingVerdict) {
  return {
    ...(verdict.verdict === 'false-positive'
      ? { suppressions: [{ kind: 'external', status: 'underReview', justification: `Llama Review's model (${verdict.model}) judged this a likely false positive: ${oneLine(verdict.reason)} No person has reviewed it yet.` }] }
      : {}),
    properties: { 'llamaReview/triage': verdictProperties(verdict) },
  };
}
