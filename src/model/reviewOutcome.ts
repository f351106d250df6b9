// What becomes of a model security review's answer: each item verified against the code
// (reviewVerify.ts), repeats of the rules' findings left out (reviewMerge.ts), the rest turned
// into findings with source "model" so they show as diagnostics like any other.
import type { Finding } from '../analysis/finding';
import type { ReviewAnswer } from './reviewAnswer';
import { mergeWithFindings, type RepeatedItem } from './reviewMerge';
import { verifyReviewItems, type DroppedItem, type ReviewedCode, type VerifiedItem } from './reviewVerify';

const longestMessage = 300;

export interface ReviewOutcome {
  /** What to show: verified, new, one per line and CWE. */
  findings: Finding[];
  dropped: DroppedItem[];
  alreadyReported: RepeatedItem[];
  duplicates: RepeatedItem[];
  /** Verified items whose code was found a line or two from where the model said. */
  moved: VerifiedItem[];
}

function clip(text: string, length: number): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return trimmed.length > length ? `${trimmed.slice(0, length - 1)}…` : trimmed;
}

function modelFinding({ item, range }: VerifiedItem): Finding {
  return {
    ruleId: 'model-review',
    aliases: [],
    category: 'security',
    severity: 'warning',
    // Model findings are suggestions: never as sure as a parse-based rule.
    confidence: 'low',
    cwe: item.cwe,
    message: clip(item.message, longestMessage),
    range,
    source: 'model',
  };
}

/** A parsed review answer, held to `code` and to the rules' `findings` on the same file. */
export function reviewOutcome(answer: ReviewAnswer, code: ReviewedCode, findings: readonly Finding[]): ReviewOutcome {
  const { verified, dropped } = verifyReviewItems(answer.findings, code);
  const merged = mergeWithFindings(verified, findings);
  return {
    findings: merged.fresh.map(modelFinding),
    dropped,
    alreadyReported: merged.alreadyReported,
    duplicates: merged.duplicates,
    moved: verified.filter((item) => item.movedFrom !== undefined),
  };
}
