// Splits tree-sitter query source into its top-level patterns, so that identical patterns of
// different rules can be compiled once. Text-level, so no query is compiled twice at start-up.

/** A pattern goes on after its closing bracket with captures (`@name`) and quantifiers. */
function continuesPattern(char: string): boolean {
  return char === '@' || char === '+' || char === '*' || char === '?';
}

/** The top-level patterns of `source`, trimmed, comments (`; ...`) left out. */
export function splitQueryPatterns(source: string): string[] {
  const patterns: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let afterTopLevelClose = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === ';') {
      // A comment runs to the end of its line.
      while (index < source.length && source[index] !== '\n') index++;
      continue;
    }
    if (/\s/.test(char)) continue;
    if (depth === 0 && afterTopLevelClose && !continuesPattern(char)) {
      patterns.push(source.slice(start, index).trim());
      start = -1;
      afterTopLevelClose = false;
    }
    if (start < 0) start = index;
    if (char === '"') inString = true;
    else if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') {
      depth--;
      if (depth === 0) afterTopLevelClose = true;
    } else if (depth === 0 && continuesPattern(char)) {
      // A capture name after the pattern: skip over it.
      while (index + 1 < source.length && /[\w.\-]/.test(source[index + 1])) index++;
    }
  }
  if (start >= 0) patterns.push(source.slice(start).trim());
  return patterns.map((pattern) => pattern.replace(/\s*;[^\n"]*$/gm, '').trim());
}
