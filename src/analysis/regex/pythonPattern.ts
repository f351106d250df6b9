// Python's `re` syntax rewritten as JavaScript's, so that a JavaScript regex parser (regexpp) can
// read it: named groups `(?P<name>...)` and `(?P=name)`, `\A` and `\Z`, comments `(?#...)`,
// leading inline flags `(?ix)`, verbose mode, `{,n}`, `]` first in a class, and the possessive
// quantifiers and atomic groups of Python 3.11, whose places are kept because they do not
// backtrack. What has no JavaScript form (conditionals `(?(1)...)`, `\N{...}`) is refused.

export interface TranslatedPattern {
  source: string;
  flags: { ignoreCase: boolean; dotAll: boolean; multiline: boolean };
  /** Offsets (in `source`) where an atomic group `(?>...)` was written, now `(?:...)`. */
  atomicGroups: Set<number>;
  /** End offsets (in `source`) of quantifiers that were possessive (`a*+`), now greedy. */
  possessiveQuantifiers: Set<number>;
}

export class UntranslatablePattern extends Error {}

/** Python's `re` flags as the integer values the module defines. */
export const reFlags = { IGNORECASE: 2, MULTILINE: 8, DOTALL: 16, VERBOSE: 64 } as const;

/** Removes verbose-mode whitespace and `#` comments outside character classes and escapes. */
function stripVerbose(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      out += char + (pattern[index + 1] ?? '');
      index++;
    } else if (inClass) {
      out += char;
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
      out += char;
      if (pattern[index + 1] === '^') out += pattern[++index];
      if (pattern[index + 1] === ']') out += pattern[++index];
    } else if (char === '#') {
      while (index < pattern.length && pattern[index] !== '\n') index++;
    } else if (!/\s/.test(char)) {
      out += char;
    }
  }
  return out;
}

/** Translates `pattern` compiled with the integer `flags`; throws UntranslatablePattern. */
export function translatePythonPattern(pattern: string, flags = 0): TranslatedPattern {
  let rest = pattern;
  let letters = '';
  // Global inline flags stand at the start in Python 3.11: `(?i)`, `(?x)(?s)`.
  for (let leading = /^\(\?([aiLmsux]+)\)/.exec(rest); leading; leading = /^\(\?([aiLmsux]+)\)/.exec(rest)) {
    letters += leading[1];
    rest = rest.slice(leading[0].length);
  }
  if (flags & reFlags.VERBOSE || letters.includes('x')) rest = stripVerbose(rest);
  const result: TranslatedPattern = {
    source: '',
    flags: {
      ignoreCase: !!(flags & reFlags.IGNORECASE) || letters.includes('i'),
      dotAll: !!(flags & reFlags.DOTALL) || letters.includes('s'),
      multiline: !!(flags & reFlags.MULTILINE) || letters.includes('m'),
    },
    atomicGroups: new Set(),
    possessiveQuantifiers: new Set(),
  };
  let out = '';
  for (let index = 0; index < rest.length; index++) {
    const char = rest[index];
    const ahead = rest.slice(index);
    if (char === '\\') {
      const next = rest[index + 1] ?? '';
      if (next === 'A') out += '^';
      else if (next === 'Z') out += '$';
      else if (next === 'N' || next === 'z') throw new UntranslatablePattern(`\\${next} has no JavaScript form`);
      else if (next === 'U') {
        // \UXXXXXXXX: any one character stands for it; which one does not change how it backtracks.
        out += '\\uFFFF';
        index += 8;
      } else out += char + next;
      index++;
      continue;
    }
    if (char === '[') {
      // A class runs to the first `]` that is not its first character; `[` inside is literal.
      let end = index + 1;
      let body = '';
      if (rest[end] === '^') body += rest[end++];
      if (rest[end] === ']') {
        body += '\\]';
        end++;
      }
      for (; end < rest.length && rest[end] !== ']'; end++) {
        if (rest[end] === '\\') body += rest[end] + (rest[++end] ?? '');
        else body += rest[end] === '[' ? '\\[' : rest[end];
      }
      if (end >= rest.length) throw new UntranslatablePattern('unterminated character class');
      out += `[${body}]`;
      index = end;
      continue;
    }
    if (ahead.startsWith('(?P<')) {
      out += '(?<';
      index += 3;
    } else if (ahead.startsWith('(?P=')) {
      const close = rest.indexOf(')', index);
      if (close < 0) throw new UntranslatablePattern('unterminated back reference');
      out += `\\k<${rest.slice(index + 4, close)}>`;
      index = close;
    } else if (ahead.startsWith('(?#')) {
      const close = rest.indexOf(')', index);
      if (close < 0) throw new UntranslatablePattern('unterminated comment');
      index = close;
    } else if (ahead.startsWith('(?>')) {
      result.atomicGroups.add(out.length);
      out += '(?:';
      index += 2;
    } else if (ahead.startsWith('(?(')) {
      throw new UntranslatablePattern('conditional groups have no JavaScript form');
    } else if (/^\(\?[aiLmsux]*(?:-[imsx]+)?:/.test(ahead)) {
      // Scoped flags: JavaScript knows i, m and s; a, L and u change nothing here.
      const [whole] = /^\(\?[aiLmsux]*(?:-[imsx]+)?:/.exec(ahead)!;
      const kept = whole.replace(/[aLux]/g, '');
      out += kept === '(?:' || kept === '(?-:' ? '(?:' : kept;
      index += whole.length - 1;
    } else if (ahead.startsWith('{,')) {
      out += '{0,';
      index++;
    } else if ((char === '+' || char === '*' || char === '?' || char === '}') && rest[index + 1] === '+' && !isEscaped(rest, index)) {
      // `a*+`, `a++`, `a?+`, `a{2,5}+`: possessive; kept as greedy, with its place noted.
      out += char;
      result.possessiveQuantifiers.add(out.length);
      index++;
    } else {
      out += char;
    }
  }
  result.source = out;
  return result;
}

function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let at = index - 1; at >= 0 && text[at] === '\\'; at--) backslashes++;
  return backslashes % 2 === 1;
}
