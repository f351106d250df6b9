// The few words a verdict adds to a finding, in the editor's message and the CLI's text and GitHub
// reports: what the model concluded (with its reason for a false positive, the verdict that may
// hide a finding), or that its answer did not hold up against the code.
import type { TriageVerdict } from './triageAnswer';

/** A model's text on one line, for a message or a SARIF justification. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function verdictNote(verdict: { verdict: TriageVerdict; reason: string; verified: boolean }): string {
  if (verdict.verdict === 'false-positive') return `model: likely false positive: ${oneLine(verdict.reason)}`;
  if (verdict.verdict === 'true-positive') return 'model: likely true positive';
  return verdict.verified ? 'model: unsure' : 'model: unsure, its answer did not hold up against the code';
}
