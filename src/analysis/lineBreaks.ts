// Line breaks as VS Code counts them: `\r\n`, `\r` and `\n` each end a line. Tree-sitter ends
// rows only at `\n`, so a lone `\r` (old Mac files; CPython accepts them) is read as `\n` before
// parsing. The swap keeps every offset, so positions and fixes apply to the original text.

/** `text` with each lone `\r` as `\n`: same length, same offsets, rows equal to VS Code's lines. */
export function normalizeLineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

export type LineBreak = '\n' | '\r\n' | '\r';

/** The line break the file uses most (`\n` for a file with none), for text a fix inserts. */
export function dominantLineBreak(text: string): LineBreak {
  let crlf = 0;
  let cr = 0;
  let lf = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 13) {
      if (text.charCodeAt(index + 1) === 10) {
        crlf++;
        index++;
      } else cr++;
    } else if (code === 10) lf++;
  }
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

/** `text` (written with `\n`, as fixes are) with the given line break instead. */
export function withLineBreak(text: string, lineBreak: LineBreak): string {
  return lineBreak === '\n' ? text : text.replace(/\r\n|\r|\n/g, lineBreak);
}
