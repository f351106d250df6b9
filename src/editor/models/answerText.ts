// Turning model answers into edits: the code of a fix, a docstring statement. Plain text in, plain
// text out (no vscode), so unit tests cover them. Review answers are verified in model/reviewVerify.ts.
import { withoutLineGutters } from '../../model/lineGutters';

// The chat copies and inserts quoted code through this module.
export { withoutLineGutters };

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
