// Turning model answers into edits and findings: the code of a fix, a docstring statement, the
// usable items of a review. Plain text in, plain data out (no vscode), so unit tests cover them.
import type { Finding } from '../../analysis/finding';
import type { LineSpan } from '../../model/prompts';
import type { ReviewItem } from '../../model/reviewAnswer';

/** A `12 | ` or `>12 | ` gutter, as prompts and quoted excerpts number their lines. */
const lineGutter = /^[ >]?\s*\d+ \| ?/;

/** Code without its line-number gutters, when every non-blank line has one; else unchanged (`a | b` is code). */
export function withoutLineGutters(code: string): string {
  const lines = code.split(/\r?\n/);
  const numbered = lines.filter((line) => line.trim() !== '');
  if (numbered.length === 0 || !numbered.every((line) => lineGutter.test(line))) return code;
  return lines.map((line) => line.replace(lineGutter, '')).join('\n');
}

/** The code of an answer: its first fenced block, else all of it; line-number gutters copied from the prompt are removed. */
export function codeFromAnswer(answer: string): string {
  const fenced = /```[^\n]*\n([\s\S]*?)(?:```|$)/.exec(answer);
  return withoutLineGutters((fenced ? fenced[1] : answer).replace(/\s+$/, ''));
}

/** The model's answer as a docstring statement at `indent`: fences and stray quotes removed, quotes inside escaped. */
export function formatDocstring(answer: string, indent: string): string {
  let body = answer.replace(/```[^\n]*\n?/g, '').trim();
  body = body.replace(/^[rRuU]?("""|''')/, '').replace(/("""|''')$/, '').trim();
  body = body.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
  const lines = body.split(/\r?\n/).map((line) => line.trimEnd());
  if (lines.length <= 1) return `${indent}"""${lines[0] ?? ''}"""`;
  const rest = lines.slice(1).map((line) => (line ? `${indent}${line.trimStart()}` : ''));
  return [`${indent}"""${lines[0]}`, ...rest, `${indent}"""`].join('\n');
}

export function clip(text: string, length: number): string {
  const trimmed = text.trim();
  return trimmed.length > length ? `${trimmed.slice(0, length - 1)}…` : trimmed;
}

/** The answer's items that point into the reviewed span, with texts of a readable length. */
export function usableItems(items: readonly ReviewItem[], span: LineSpan): ReviewItem[] {
  return items
    .filter((item) => Number.isInteger(item.line) && item.line >= span.startLine + 1 && item.line <= span.endLine + 1 && item.title.trim() !== '')
    .map((item) => ({ ...item, title: clip(item.title, 80), explanation: clip(item.explanation, 400) }));
}

/** Model findings on a line where a parse-based finding of the same category already is are repeats. */
export function withoutRepeats(modelFindings: readonly Finding[], parseFindings: readonly Finding[]): Finding[] {
  const taken = new Set(parseFindings.map((finding) => `${finding.range.start.line}:${finding.category}`));
  const seen = new Set<string>();
  return modelFindings.filter((finding) => {
    const key = `${finding.range.start.line}:${finding.category}`;
    const message = `${finding.range.start.line}:${finding.message}`;
    if (taken.has(key) || seen.has(message)) return false;
    seen.add(message);
    return true;
  });
}
