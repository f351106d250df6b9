// Sets of characters as sorted, disjoint code point ranges: enough to ask whether two parts of a
// regular expression can match the same character.

export type CharSet = readonly (readonly [number, number])[];

const maxCodePoint = 0x10ffff;
export const emptySet: CharSet = [];
export const anyChar: CharSet = [[0, maxCodePoint]];

export function normalize(ranges: Iterable<readonly [number, number]>): CharSet {
  const sorted = [...ranges].filter(([low, high]) => low <= high).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [low, high] of sorted) {
    const last = merged[merged.length - 1];
    if (last && low <= last[1] + 1) last[1] = Math.max(last[1], high);
    else merged.push([low, high]);
  }
  return merged;
}

export function union(...sets: CharSet[]): CharSet {
  return normalize(sets.flat());
}

export function complement(set: CharSet): CharSet {
  const result: [number, number][] = [];
  let next = 0;
  for (const [low, high] of set) {
    if (low > next) result.push([next, low - 1]);
    next = high + 1;
  }
  if (next <= maxCodePoint) result.push([next, maxCodePoint]);
  return result;
}

export function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i][1] < b[j][0]) i++;
    else if (b[j][1] < a[i][0]) j++;
    else return true;
  }
  return false;
}

export function single(codePoint: number): CharSet {
  return [[codePoint, codePoint]];
}

/** The character and its other cases, for case-insensitive patterns. */
export function caseVariants(codePoint: number): CharSet {
  const char = String.fromCodePoint(codePoint);
  const variants = [char, char.toLowerCase(), char.toUpperCase()].filter((variant) => [...variant].length === 1).map((variant) => variant.codePointAt(0)!);
  return normalize(variants.map((variant) => [variant, variant] as const));
}

const unicodeSpaces: CharSet = normalize([[0x85, 0x85], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000]]);
export const spaceChars: CharSet = union(normalize([[9, 13], [32, 32], [0x1c, 0x1f]]), unicodeSpaces);
export const digitChars: CharSet = [[48, 57]];
/**
 * Python's `\w` on str patterns: ASCII letters, digits and `_`, and (roughly) every letter beyond
 * ASCII; the Unicode spaces are kept out so that `\s` and `\w` do not seem to overlap.
 */
export const wordChars: CharSet = union(normalize([[48, 57], [65, 90], [95, 95], [97, 122]]), intersection(normalize([[0xaa, maxCodePoint]]), complement(unicodeSpaces)));

export function intersection(a: CharSet, b: CharSet): CharSet {
  return complement(union(complement(a), complement(b)));
}
