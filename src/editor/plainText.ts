// Finding messages are written in Markdown (the CLI and the chat render their `code spans`), but
// the Problems panel, hovers and quick-fix titles show text as it is. There a code span becomes
// the code between typographic single quotes, which cannot be mistaken for the code's own quotes.
// No `vscode` import.

const openQuote = '\u2018';
const closeQuote = '\u2019';

/** The code span's text as CommonMark reads it: one space padding both ends is not part of it. */
function spanText(inner: string): string {
  return inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() !== '' ? inner.slice(1, -1) : inner;
}

/** Where the next run of exactly `length` backticks starts at or after `from`, or -1. */
function closingFence(text: string, from: number, length: number): number {
  let index = from;
  while (index < text.length) {
    const start = text.indexOf('`', index);
    if (start < 0) return -1;
    let end = start;
    while (text[end] === '`') end++;
    if (end - start === length) return start;
    index = end;
  }
  return -1;
}

/** `eval()` -> ‘eval()’; a run of backticks closes only at a run of the same length, as in Markdown. */
export function plainText(markdown: string): string {
  if (!markdown.includes('`')) return markdown;
  let result = '';
  let index = 0;
  while (index < markdown.length) {
    const open = markdown.indexOf('`', index);
    if (open < 0) break;
    let openEnd = open;
    while (markdown[openEnd] === '`') openEnd++;
    const fence = markdown.slice(open, openEnd);
    const close = closingFence(markdown, openEnd, fence.length);
    if (close < 0) {
      // An unmatched run is literal text.
      result += markdown.slice(index, openEnd);
      index = openEnd;
      continue;
    }
    result += markdown.slice(index, open) + openQuote + spanText(markdown.slice(openEnd, close)) + closeQuote;
    index = close + fence.length;
  }
  return result + markdown.slice(index);
}
