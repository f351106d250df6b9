// The few words a verdict adds to a finding's message, in the editor and in the CLI's text: what
// the model concluded and why, or that its answer could not be held to the code.
import type { TriageResult } from './triageFinding';

const reasonChars = 160;

function clipped(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > reasonChars ? `${oneLine.slice(0, reasonChars - 1)}…` : oneLine;
}

export function verdictNote(result: Pick<TriageResult, 'verdict' | 'reason' | 'verified'>): string {
  if (!result.verified) return 'model: unsure (its answer could not be checked against the code)';
  switch (result.verdict) {
    case 'false-positive':
      return `model: likely false positive: ${clipped(result.reason)}`;
    case 'true-positive':
      return `model: likely real: ${clipped(result.reason)}`;
    case 'unsure':
      return `model: unsure: ${clipped(result.reason)}`;
  }
}
