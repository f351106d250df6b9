// The lines a triage prompt shows: the enclosing function when it fits the budget, else the
// smallest run of lines that holds the flagged line and the path lines inside the function,
// widened evenly while it fits. Path lines left outside are shown one by one (triagePrompt), so
// the model still sees where the data came from. A batch of fifty findings must stay quick on a
// laptop, and a small model reads a short prompt better than a long one.
import type { Finding } from '../../analysis/finding';
import type { LineSpan } from '../prompts';

/** Tokens the numbered code of one triage prompt may take (about 3,600 characters). */
export const triageCodeBudgetTokens = 1200;

/** Estimated tokens of numbered lines (`>123 | code`), added a line at a time. */
class SpanCost {
  private characters = 0;

  constructor(
    private readonly lineLengths: readonly number[],
    /** Width of the widest line number, plus `>`, ` | ` and the line break. */
    private readonly prefix: number,
  ) {}

  static of(lineLengths: readonly number[], from: number, to: number, widestLine: number): SpanCost {
    const cost = new SpanCost(lineLengths, String(widestLine + 1).length + 5);
    for (let line = from; line <= to; line++) cost.add(line);
    return cost;
  }

  tokensWith(line: number): number {
    return Math.ceil((this.characters + this.lineLengths[line] + this.prefix) / 3);
  }

  get tokens(): number {
    return Math.ceil(this.characters / 3);
  }

  add(line: number): void {
    this.characters += this.lineLengths[line] + this.prefix;
  }
}

export function triageSpan(text: string, finding: Finding, enclosing: LineSpan, budgetTokens = triageCodeBudgetTokens): LineSpan {
  const lineLengths = text.split(/\r?\n/).map((line) => line.length);
  const lastLine = lineLengths.length - 1;
  const start = Math.max(0, Math.min(enclosing.startLine, lastLine));
  const end = Math.max(start, Math.min(enclosing.endLine, lastLine));
  if (SpanCost.of(lineLengths, start, end, end).tokens <= budgetTokens) return { startLine: start, endLine: end };

  const flagged = Math.max(start, Math.min(finding.range.start.line, end));
  const flaggedEnd = Math.max(flagged, Math.min(finding.range.end.column === 0 ? finding.range.end.line - 1 : finding.range.end.line, end));
  const pathInside = (finding.trace ?? []).filter((step) => !step.file).map((step) => step.range.start.line).filter((line) => line >= start && line <= end);
  let from = Math.min(flagged, ...pathInside);
  let to = Math.max(flaggedEnd, ...pathInside);
  let cost = SpanCost.of(lineLengths, from, to, end);
  // Too long even so: the flagged line alone, widened; the path lines are then shown singly.
  if (cost.tokens > budgetTokens) {
    [from, to] = [flagged, flagged];
    cost = SpanCost.of(lineLengths, from, to, end);
  }
  for (let grew = true; grew; ) {
    grew = false;
    if (from > start && cost.tokensWith(from - 1) <= budgetTokens) {
      cost.add(--from);
      grew = true;
    }
    if (to < end && cost.tokensWith(to + 1) <= budgetTokens) {
      cost.add(++to);
      grew = true;
    }
  }
  return { startLine: from, endLine: to };
}
