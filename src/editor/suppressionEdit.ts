// What "suppress on this line" writes and where: a trailing comment on the finding's last line, or
// the rule id added to a `# llama-review: ignore[...]` already there. In a template the comment is
// `{# llama-review: ignore[...] #}`. Text only, no `vscode` import, so it is unit-tested in Node.
import type { Finding } from '../analysis/finding';
import { wrapComment, type LanguageSupport } from '../analysis/languages';
import { suppressionCommentFor } from '../analysis/suppress';

export type SuppressionStyle = 'llama-review' | 'noqa' | 'nosec';

/** Replace `[startColumn, endColumn)` of `line` with `text`. */
export interface LineEdit {
  line: number;
  startColumn: number;
  endColumn: number;
  text: string;
}

/**
 * A suppression counts on the finding's first or last line; the last one is where a trailing
 * comment is valid Python for a multi-line call (after its closing parenthesis).
 */
export function suppressionLine(finding: Finding): number {
  const { start, end } = finding.range;
  return end.line > start.line && end.column === 0 ? end.line - 1 : end.line;
}

/**
 * The edit for `lineText` (the text of `suppressionLine(finding)`) in a file of `language`;
 * undefined where no comment can go. The `noqa` and `nosec` styles apply only where the language's
 * comments hold those tools' directives; elsewhere it is our own directive.
 */
export function suppressionEdit(finding: Finding, lineText: string, style: SuppressionStyle, language: LanguageSupport): LineEdit | undefined {
  const line = suppressionLine(finding);
  const { lineContinuation, toolDirectives } = language.comment;
  if (lineContinuation && lineText.trimEnd().endsWith(lineContinuation)) return undefined;
  if (style === 'llama-review' || !toolDirectives) {
    const existing = /llama-review:\s*ignore\[([^\]]*)\]/.exec(lineText);
    if (existing) {
      const ids = existing[1].split(',').map((id) => id.trim()).filter(Boolean);
      if (ids.includes(finding.ruleId)) return undefined;
      const beforeBracket = existing.index + existing[0].length - 1;
      return { line, startColumn: beforeBracket, endColumn: beforeBracket, text: ids.length > 0 ? `, ${finding.ruleId}` : finding.ruleId };
    }
  }
  const contentEnd = lineText.trimEnd().length;
  const separator = contentEnd > 0 ? '  ' : '';
  const comment = toolDirectives ? suppressionCommentFor(finding, style) : wrapComment(language, `llama-review: ignore[${finding.ruleId}]`);
  return { line, startColumn: contentEnd, endColumn: lineText.length, text: separator + comment };
}
