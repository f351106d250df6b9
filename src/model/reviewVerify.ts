// Holds each item of a model security review to the code: its line is in the reviewed span, its
// CWE is a known one, and the code it quotes as evidence is on that line or a line or two away
// (then the item moves to where the code is). Models misnumber lines and invent code; an item
// that cannot be checked is dropped, with the reason, never shown as a finding.
import type { Position, Range } from '../analysis/finding';
import { isKnownCwe } from './knownCwes';
import { lineGutter } from './lineGutters';
import type { LineSpan } from './prompts';
import type { ReviewItem } from './reviewAnswer';

/** How far from its stated line an item's quoted code may be and still count. */
export const nearbyLines = 2;
/** Shorter quotes (`(`, `id`) match almost any line, so they prove nothing. */
const shortestEvidence = 4;

export type DropReason = 'outside-span' | 'unknown-cwe' | 'no-message' | 'evidence-too-short' | 'evidence-not-found';

export interface DroppedItem {
  item: ReviewItem;
  reason: DropReason;
  /** For the log: "the quoted code `os.system(cmd)` is not on lines 3-7". */
  detail: string;
}

export interface VerifiedItem {
  item: ReviewItem;
  /** Where the quoted code is, 0-based; its start line is the item's line from now on. */
  range: Range;
  /** The 1-based line the model gave, when the code was found on another. */
  movedFrom?: number;
}

export interface VerifiedReview {
  verified: VerifiedItem[];
  dropped: DroppedItem[];
}

export interface ReviewedCode {
  text: string;
  /** 0-based, inclusive: the lines the prompt asked about. */
  span: LineSpan;
  /** Defaults to the CWE catalog plus the rules' CWEs. */
  isKnownCwe?: (id: number) => boolean;
}

/** One non-whitespace character of the file and where it is. */
interface Located {
  char: string;
  position: Position;
}

/** The quote as code: trimmed, without backticks around it or line-number gutters copied from the prompt, whitespace removed. */
export function evidenceKey(evidence: string): string {
  const unquoted = evidence.trim().replace(/^`+|`+$/g, '');
  const lines = unquoted.split(/\r?\n/).map((line) => line.replace(lineGutter, ''));
  return lines.join('').replace(/\s+/g, '');
}

function located(line: string, lineNumber: number): Located[] {
  const out: Located[] = [];
  for (let column = 0; column < line.length; column++) {
    if (!/\s/.test(line[column])) out.push({ char: line[column], position: { line: lineNumber, column } });
  }
  return out;
}

/**
 * Where `key` (whitespace removed) starts on `line`, possibly running on into the lines below it
 * within the span; whitespace is ignored on both sides, so `x=1` matches `x = 1`.
 */
function matchOnLine(lines: readonly string[], line: number, key: string, span: LineSpan): Range | undefined {
  const first = located(lines[line] ?? '', line);
  if (first.length === 0) return undefined;
  const chars = [...first];
  for (let next = line + 1; chars.length < first.length + key.length && next <= span.endLine && next < lines.length; next++) chars.push(...located(lines[next], next));
  const joined = chars.map((entry) => entry.char).join('');
  const index = joined.indexOf(key);
  if (index < 0 || index >= first.length) return undefined;
  const last = chars[index + key.length - 1].position;
  return { start: chars[index].position, end: { line: last.line, column: last.column + 1 } };
}

/** The stated line first, then the nearest lines around it within the span (above before below at the same distance). */
function candidateLines(stated: number, span: LineSpan): number[] {
  const out: number[] = [];
  for (let distance = 0; distance <= nearbyLines; distance++) {
    for (const line of distance === 0 ? [stated] : [stated - distance, stated + distance]) {
      if (line >= span.startLine && line <= span.endLine) out.push(line);
    }
  }
  return out;
}

function quoted(evidence: string): string {
  const oneLine = evidence.trim().replace(/\s+/g, ' ');
  return `\`${oneLine.length > 60 ? `${oneLine.slice(0, 59)}…` : oneLine}\``;
}

function lineLabel(from: number, to: number): string {
  return from === to ? `line ${from + 1}` : `lines ${from + 1}-${to + 1}`;
}

function verifyItem(item: ReviewItem, lines: readonly string[], code: ReviewedCode): VerifiedItem | DroppedItem {
  const { span } = code;
  const stated = item.line - 1;
  if (!Number.isInteger(item.line) || stated < span.startLine || stated > span.endLine) {
    return { item, reason: 'outside-span', detail: `line ${item.line} is outside the reviewed ${lineLabel(span.startLine, span.endLine)}` };
  }
  if (!Number.isInteger(item.cwe) || !(code.isKnownCwe ?? isKnownCwe)(item.cwe)) return { item, reason: 'unknown-cwe', detail: `CWE-${item.cwe} is not a known weakness` };
  if (item.message.trim() === '') return { item, reason: 'no-message', detail: 'it says nothing' };
  const key = evidenceKey(item.evidence);
  if (key.length < shortestEvidence) return { item, reason: 'evidence-too-short', detail: `the quoted code ${quoted(item.evidence)} is too short to check` };
  const candidates = candidateLines(stated, span);
  for (const line of candidates) {
    const range = matchOnLine(lines, line, key, span);
    if (range) return line === stated ? { item, range } : { item, range, movedFrom: item.line };
  }
  const searched = lineLabel(Math.min(...candidates), Math.max(...candidates));
  return { item, reason: 'evidence-not-found', detail: `the quoted code ${quoted(item.evidence)} is not on ${searched}` };
}

/** Each item verified against `code.text`, or dropped with the reason. */
export function verifyReviewItems(items: readonly ReviewItem[], code: ReviewedCode): VerifiedReview {
  const lines = code.text.split(/\r?\n/);
  const verified: VerifiedItem[] = [];
  const dropped: DroppedItem[] = [];
  for (const item of items) {
    const outcome = verifyItem(item, lines, code);
    if ('reason' in outcome) dropped.push(outcome);
    else verified.push(outcome);
  }
  return { verified, dropped };
}
