// The line numbers a model's prose cites: "line 12", "Line 12", "lines 3-5", "lines 3 to 5",
// "lines 3, 4 and 7", "L7", "L7-L9". A model that argues from a line it was never shown is
// making it up, so every cited line is checked like an evidence line. Only a capital L counts as
// a short form: "l1" is more often a variable than a line.

export interface LineCitation {
  /** The words as the text has them, for the log: "lines 3-5". */
  text: string;
  /** Every line the citation covers, 1-based. */
  lines: number[];
}

/** A range longer than this is not expanded (no span shown is that long); its ends still count. */
const longestExpandedRange = 1000;

const separator = String.raw`\s*(,\s*and|,\s*or|-|–|—|\.\.|to|through|and|or|,|&)\s*(?:L|lines?\s+)?(\d+)\b`;
const wordCitation = new RegExp(String.raw`\blines?\s+(\d+)\b((?:${separator})*)`, 'gi');
const shortCitation = new RegExp(String.raw`\bL(\d+)\b((?:${separator})*)`, 'g');
const rangeWords = new Set(['-', '–', '—', '..', 'to', 'through']);

function linesOf(first: number, rest: string): number[] {
  const lines = [first];
  let previous = first;
  for (const [, joiner, digits] of rest.matchAll(new RegExp(separator, 'gi'))) {
    const next = Number(digits);
    if (rangeWords.has(joiner.toLowerCase())) {
      const [low, high] = previous <= next ? [previous, next] : [next, previous];
      if (high - low > longestExpandedRange) lines.push(low, high);
      else for (let line = low; line <= high; line++) lines.push(line);
    } else {
      lines.push(next);
    }
    previous = next;
  }
  return [...new Set(lines)].sort((a, b) => a - b);
}

export function lineCitations(text: string): LineCitation[] {
  const citations: LineCitation[] = [];
  for (const pattern of [wordCitation, shortCitation]) {
    for (const match of text.matchAll(pattern)) citations.push({ text: match[0].trim(), lines: linesOf(Number(match[1]), match[2] ?? '') });
  }
  return citations;
}
