// What "suppress in this file" writes: `# llama-review: ignore-file[rule-id]` on a line of its own
// at the top (after a shebang and an encoding declaration, which must stay on the first lines), or
// the rule id added to such a comment already there. Templates get `{# ... #}`. Our own directive
// whatever the suppression style: `noqa` and `nosec` have no per-rule form for a whole file. Text
// only, no `vscode` import, so it is unit-tested in Node.
import { wrapComment, type LanguageSupport } from '../analysis/languages';
import type { LineEdit } from './suppressionEdit';

const fileDirective = /llama-review:\s*ignore-file\[([^\]]*)\]/;

/** The edit that suppresses `ruleId` in a file of `lines`; undefined where the file already does. */
export function fileSuppressionEdit(lines: readonly string[], ruleId: string, language: LanguageSupport): LineEdit | undefined {
  for (const [line, text] of lines.entries()) {
    if (!text.trimStart().startsWith(language.comment.open)) continue;
    const existing = fileDirective.exec(text);
    if (!existing) continue;
    const ids = existing[1].split(',').map((id) => id.trim()).filter(Boolean);
    if (ids.includes(ruleId)) return undefined;
    const beforeBracket = existing.index + existing[0].length - 1;
    return { line, startColumn: beforeBracket, endColumn: beforeBracket, text: ids.length > 0 ? `, ${ruleId}` : ruleId };
  }
  const comment = wrapComment(language, `llama-review: ignore-file[${ruleId}]`);
  // After what must stay on the first lines (a shebang, an encoding declaration).
  const line = language.comment.firstFileCommentLine?.(lines) ?? 0;
  if (line < lines.length) return { line, startColumn: 0, endColumn: 0, text: `${comment}\n` };
  // A file that is only its shebang, without a final line break.
  const last = lines.length - 1;
  return { line: last, startColumn: lines[last].length, endColumn: lines[last].length, text: `\n${comment}` };
}
