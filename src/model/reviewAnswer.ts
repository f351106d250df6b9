// The JSON a model security review must produce: items with a line, a kind, a CWE, a message and
// the code they point at as evidence. What becomes of an answer is in reviewOutcome.ts.
import type { JsonSchema } from './jsonSchema';
import { reviewKindNames, type ReviewKind } from './reviewKinds';

export interface ReviewItem {
  /** 1-based, as the prompt numbers lines. */
  line: number;
  kind: ReviewKind;
  cwe: number;
  message: string;
  /** Code copied from that line: what the verifier looks for. */
  evidence: string;
}

export interface ReviewAnswer {
  findings: ReviewItem[];
}

/** More would be noise from a small model, and a longer answer to wait for. */
export const reviewMaxItems = 8;

/**
 * The schema the grammar gets and the answer is validated against. No line bounds, CWE ranges or
 * length limits: a grammar does not enforce them, and one stray number would fail the whole
 * answer. Each item is held to the code afterwards instead, and dropped alone when it fails.
 */
export function reviewAnswerSchema(): JsonSchema {
  return {
    type: 'object',
    required: ['findings'],
    additionalProperties: false,
    properties: {
      findings: {
        type: 'array',
        maxItems: reviewMaxItems,
        items: {
          type: 'object',
          required: ['line', 'kind', 'cwe', 'message', 'evidence'],
          additionalProperties: false,
          properties: {
            line: { type: 'integer' },
            kind: { type: 'string', enum: reviewKindNames },
            cwe: { type: 'integer' },
            message: { type: 'string' },
            evidence: { type: 'string' },
          },
        },
      },
    },
  };
}
