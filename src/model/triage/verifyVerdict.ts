// Holds a triage answer to the code the model was shown: every evidence line and every line its
// reason or fix hint cites must be one of the lines the prompt showed, and a verdict either way
// must point at evidence. An answer that fails any check becomes "unsure", and the reasons are
// kept for the log: a model's claim about a line it never saw is never shown as fact.
import { formatViolation, validateJson } from '../jsonSchema';
import { lineCitations } from './lineCitations';
import { triageAnswerSchema, type TriageAnswer, type TriageVerdict } from './triageAnswer';

export interface VerifiedVerdict {
  /** `unsure` whenever a check failed, whatever the model said. */
  verdict: TriageVerdict;
  reason: string;
  /** 1-based; only lines that were shown, each once, in order. */
  evidenceLines: number[];
  fixHint: string;
  /** The answer passed every check. */
  verified: boolean;
  /** Why it did not, one sentence each; empty when verified. */
  rejected: string[];
  /** What the model answered, when verification changed it to unsure. */
  claimed?: TriageVerdict;
}

function plural(lines: readonly number[]): string {
  return lines.length === 1 ? `line ${lines[0]}, which was` : `lines ${lines.join(', ')}, which were`;
}

function unshownCitations(field: string, text: string, shown: ReadonlySet<number>): string[] {
  return lineCitations(text).flatMap((citation) => {
    const unshown = citation.lines.filter((line) => !shown.has(line));
    return unshown.length > 0 ? [`the ${field} cites ${plural(unshown)} not shown ("${citation.text}")`] : [];
  });
}

/** `answer` as the model gave it (checked against the schema here too); `shownLines` 1-based, as TriagePrompt lists them. */
export function verifyVerdict(answer: unknown, shownLines: readonly number[]): VerifiedVerdict {
  const violations = validateJson(answer, triageAnswerSchema);
  if (violations.length > 0) {
    const why = `the answer does not follow the format: ${violations.slice(0, 3).map(formatViolation).join('; ')}`;
    return { verdict: 'unsure', reason: '', evidenceLines: [], fixHint: '', verified: false, rejected: [why] };
  }
  const given = answer as TriageAnswer;
  const shown = new Set(shownLines);
  const cited = [...new Set(given.evidence_lines)];
  const unshownEvidence = cited.filter((line) => !shown.has(line));
  const rejected = [
    ...(unshownEvidence.length > 0 ? [`evidence ${plural(unshownEvidence)} not shown`] : []),
    ...unshownCitations('reason', given.reason, shown),
    ...unshownCitations('fix hint', given.fix_hint, shown),
  ];
  const evidenceLines = cited.filter((line) => shown.has(line)).sort((a, b) => a - b);
  if (given.verdict !== 'unsure' && evidenceLines.length === 0) rejected.push(`a ${given.verdict} verdict needs at least one evidence line that was shown`);
  const verified = rejected.length === 0;
  return {
    verdict: verified ? given.verdict : 'unsure',
    reason: given.reason,
    evidenceLines,
    fixHint: given.fix_hint,
    verified,
    rejected,
    ...(verified || given.verdict === 'unsure' ? {} : { claimed: given.verdict }),
  };
}
