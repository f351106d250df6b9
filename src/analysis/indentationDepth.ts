// A cheap guard before parsing. tree-sitter-python 0.25's scanner saves its indentation stack
// into a 1,024-byte buffer and, with an odd number of open strings, writes one byte past it once
// the stack is deep enough (upstream tree-sitter-python#350). In wasm that byte lands on the
// parser's own stack pointer, and later parses in the same heap crash (`memory access out of
// bounds`) or go wrong. The stack only ever holds increasing line indentations, so the number
// of distinct indentation widths bounds it from above without parsing.

/**
 * Deepest indentation stack that is always safe: the buffer holds 2 + (open strings, at most
 * 255) bytes of header and 2 bytes per level, so 383 levels can never reach byte 1,024.
 * CPython itself refuses more than 100 nested blocks.
 */
export const maxIndentationLevels = 380;

/**
 * An upper bound on the scanner's indentation stack for `text` (lines ended by `\n`): the number
 * of distinct widths of indented lines as the scanner measures them (16-bit, tab = 8, form feed
 * restarts, a backslash-newline carries on counting). Comment lines count too: over-counting is safe.
 */
export function indentationLevels(text: string): number {
  const widths = new Set<number>();
  let width = 0;
  let atLineStart = true;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) {
      width = 0;
      atLineStart = true;
    } else if (!atLineStart) {
      continue;
    } else if (code === 32) {
      width = (width + 1) & 0xffff;
    } else if (code === 9) {
      width = (width + 8) & 0xffff;
    } else if (code === 12 || code === 13) {
      width = 0;
    } else if (code === 92 && text.charCodeAt(index + 1) === 10) {
      index++;
    } else if (code === 92 && text.charCodeAt(index + 1) === 13 && text.charCodeAt(index + 2) === 10) {
      index += 2;
    } else {
      atLineStart = false;
      if (width > 0) widths.add(width);
    }
  }
  return widths.size;
}
