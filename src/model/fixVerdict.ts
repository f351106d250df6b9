// What a model fix is worth, in the words its diff title shows. A proposal is rejected (it cannot
// be accepted) when it carries NUL bytes, when the analyzer would skip the file with it in place,
// or when it reaches outside the lines it was asked to rewrite: the edit replaces only those lines,
// so an answer that repeats or rewrites the code around them would duplicate or garble it.
import type { AnalysisResult } from '../analysis/engine';
import type { LineSpan } from './prompts';

/** Good and doubtful proposals can be accepted; rejected ones cannot. */
export type ProposalStanding = 'good' | 'doubtful' | 'rejected';

export interface FixVerdict {
  text: string;
  standing: ProposalStanding;
}

/** How far either side of the span the answer is compared with the file. */
const contextLines = 40;
/** File lines the answer may pass (changed) while it follows the file outwards; more, and a line it shares further up (an import it adds again) is its own. */
const maxSkippedLines = 1;

/** Lines common enough (`else:`, `)`, `pass`) to match by chance: never counted as repeated from outside. */
function isDistinctive(trimmed: string): boolean {
  return trimmed.length >= 10 || (trimmed.match(/\w+/g)?.length ?? 0) >= 2;
}

interface Numbered {
  line: number;
  text: string;
}

function nonBlank(lines: readonly string[], from = 0): Numbered[] {
  return lines.map((text, index) => ({ line: from + index, text: text.trim() })).filter((entry) => entry.text !== '');
}

/** File lines the answer reproduces: a longest common subsequence that prefers lines inside the span. */
function matchedFileLines(answer: readonly Numbered[], window: readonly Numbered[], span: LineSpan): Set<number> {
  const weight = (a: Numbered, b: Numbered): number => {
    if (a.text !== b.text) return 0;
    if (b.line >= span.startLine && b.line <= span.endLine) return 3;
    return isDistinctive(b.text) ? 2 : 0;
  };
  const columns = window.length + 1;
  const score = new Int32Array((answer.length + 1) * columns);
  for (let i = 1; i <= answer.length; i++) {
    for (let j = 1; j <= window.length; j++) {
      const matched = weight(answer[i - 1], window[j - 1]);
      score[i * columns + j] = Math.max(score[(i - 1) * columns + j], score[i * columns + j - 1], matched ? score[(i - 1) * columns + j - 1] + matched : 0);
    }
  }
  const matched = new Set<number>();
  for (let i = answer.length, j = window.length; i > 0 && j > 0; ) {
    const here = score[i * columns + j];
    const pair = weight(answer[i - 1], window[j - 1]);
    if (pair && here === score[(i - 1) * columns + j - 1] + pair) {
      matched.add(window[j - 1].line);
      i--;
      j--;
    } else if (here === score[(i - 1) * columns + j]) i--;
    else j--;
  }
  return matched;
}

/** How many lines next to the span, walking outwards, the answer covers up to the last one it reproduces. */
function coveredOutwards(walk: readonly Numbered[], matched: ReadonlySet<number>): number {
  let covered = 0;
  let skipped = 0;
  for (const [index, entry] of walk.entries()) {
    if (matched.has(entry.line)) {
      covered = index + 1;
      skipped = 0;
    } else if (++skipped > maxSkippedLines) break;
  }
  return covered;
}

/**
 * Lines outside `span` that the answer repeats or rewrites: it reproduces a line just above or
 * below the span (blank lines aside), or lines further out with at most one skipped between.
 */
export function linesChangedOutside(fileLines: readonly string[], span: LineSpan, code: string): number {
  const first = Math.max(0, span.startLine - contextLines);
  const window = nonBlank(fileLines.slice(first, Math.min(fileLines.length, span.endLine + 1 + contextLines)), first);
  const matched = matchedFileLines(nonBlank(code.split(/\r?\n/)), window, span);
  const above = window.filter((entry) => entry.line < span.startLine).reverse();
  const below = window.filter((entry) => entry.line > span.endLine);
  return coveredOutwards(above, matched) + coveredOutwards(below, matched);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Rejections that the answer alone shows, before any analysis. `unit` names the span: "statement", "function", "selection". */
export function verdictOfAnswer(fileLines: readonly string[], span: LineSpan, unit: string, code: string): FixVerdict | undefined {
  if (code.includes('\u0000')) return { text: 'rejected: the proposal contains NUL bytes', standing: 'rejected' };
  const outside = linesChangedOutside(fileLines, span, code);
  if (outside > 0) return { text: `rejected: changes ${plural(outside, 'line')} outside the ${unit}`, standing: 'rejected' };
  return undefined;
}

/** Skips caused by what the proposal contains; the others (time budget, a broken parser) say nothing about it. */
const rejectingSkips = new Set(['binary', 'too-large', 'too-deep']);

/** The verdict of analysing the file with the proposal in place; `rewritten` are the proposal's lines there. */
export function verdictOfAnalysis(result: Pick<AnalysisResult, 'skipped' | 'hasSyntaxErrors' | 'findings'>, rewritten: LineSpan, ruleId?: string): FixVerdict {
  if (result.skipped) {
    if (result.skipped.reason === 'binary') return { text: 'rejected: the proposal contains NUL bytes', standing: 'rejected' };
    const why = result.skipped.message.replace(/^Skipped: /, '').replace(/\.$/, '');
    if (rejectingSkips.has(result.skipped.reason)) return { text: `rejected: the analyzer skips the file with it (${why})`, standing: 'rejected' };
    return { text: `not checked (${why})`, standing: 'doubtful' };
  }
  if (result.hasSyntaxErrors) return { text: 'does not parse', standing: 'doubtful' };
  const inSpan = result.findings.filter((candidate) => candidate.range.start.line >= rewritten.startLine && candidate.range.start.line <= rewritten.endLine);
  if (ruleId && inSpan.some((candidate) => candidate.ruleId === ruleId)) return { text: `parses, but still has ${ruleId}`, standing: 'doubtful' };
  if (ruleId) return { text: `parses, and ${ruleId} is gone`, standing: 'good' };
  return { text: `parses, ${plural(inSpan.length, 'finding')} left in the rewritten lines`, standing: 'good' };
}
