// How much of a conversation goes back to the model with each question. The policy: always the
// grounding (the first question, which carries the code and the finding, and its answer), then
// the latest turns that fit the budget; turns in between are dropped a question-and-answer pair
// at a time, so the model never sees an answer without its question.
import { estimateTokens } from './prompts';
import type { TranscriptTurn } from './provider';

/**
 * History sent with a follow-up, in estimated tokens: with a 512-token answer and the question it
 * still fits the 4,096-token context of the smallest catalog models.
 */
export const historyTokenBudget = 3000;

export function transcriptTokens(turns: readonly TranscriptTurn[]): number {
  return turns.reduce((sum, turn) => sum + estimateTokens(turn.text), 0);
}

/** The turns to send: the grounding pair, then as many of the latest pairs as fit `budget`. */
export function trimTranscript(turns: readonly TranscriptTurn[], budget = historyTokenBudget): TranscriptTurn[] {
  if (transcriptTokens(turns) <= budget) return [...turns];
  const grounding = turns.slice(0, 2);
  let left = budget - transcriptTokens(grounding);
  const latest: TranscriptTurn[] = [];
  // Walk back over whole pairs; an odd turn at the end (a question without an answer yet) counts as a pair.
  for (let end = turns.length; end > 2; ) {
    const start = Math.max(2, turns[end - 1].role === 'assistant' ? end - 2 : end - 1);
    const pair = turns.slice(start, end);
    const cost = transcriptTokens(pair);
    if (cost > left) break;
    latest.unshift(...pair);
    left -= cost;
    end = start;
  }
  return [...grounding, ...latest];
}
