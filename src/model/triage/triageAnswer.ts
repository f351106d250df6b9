// The JSON a triage answer must be: a verdict, a short reason, the lines that decide it and a
// hint for the fix. The bounds keep an answer small enough for a 256-token budget; the grammar
// enforces lengths and counts, and verifyVerdict checks the lines against what the model saw.
import type { JsonSchema } from '../jsonSchema';

export const triageVerdicts = ['true-positive', 'false-positive', 'unsure'] as const;
export type TriageVerdict = (typeof triageVerdicts)[number];

/** What the model answers, field names as the schema spells them. */
export interface TriageAnswer {
  verdict: TriageVerdict;
  reason: string;
  /** 1-based line numbers, as the prompt numbers them. */
  evidence_lines: number[];
  fix_hint: string;
}

export const triageAnswerLimits = { reasonChars: 300, evidenceLines: 5, fixHintChars: 200 } as const;

// No uniqueItems and no minimum: the grammar enforces neither, and an answer that broke them would
// be thrown away unread; verification drops a repeated line and rejects a line 0 or -3 as not shown.
export const triageAnswerSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['verdict', 'reason', 'evidence_lines', 'fix_hint'],
  properties: {
    verdict: { type: 'string', enum: triageVerdicts },
    reason: { type: 'string', minLength: 1, maxLength: triageAnswerLimits.reasonChars },
    evidence_lines: { type: 'array', items: { type: 'integer' }, maxItems: triageAnswerLimits.evidenceLines },
    fix_hint: { type: 'string', maxLength: triageAnswerLimits.fixHintChars },
  },
};
