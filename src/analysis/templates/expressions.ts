// What an output expression (`user.name|default("?")|safe`) is made of: the value and the chain of
// filters applied to it, in Jinja's `name(args)` and Django's `name:arg` forms. Only the top-level
// chain counts; a filter inside a call's arguments changes what the call gets, not the output.

export interface FilterCall {
  name: string;
  /** Offsets of the filter's name in the template text. */
  start: number;
  end: number;
}

export interface OutputExpression {
  /** The value before the first top-level `|`, trimmed. */
  value: string;
  filters: FilterCall[];
}

/** Offsets of the top-level `|` characters of `source`: outside strings, brackets and parentheses. */
function topLevelPipes(source: string): number[] {
  const pipes: number[] = [];
  let depth = 0;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (char === '"' || char === "'") {
      for (index++; index < source.length && source[index] !== char; index++) if (source[index] === '\\') index++;
    } else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') depth = Math.max(0, depth - 1);
    else if (char === '|' && depth === 0) pipes.push(index);
  }
  return pipes;
}

/** Parses the expression `source`, found at offset `offset` of the template. */
export function parseOutputExpression(source: string, offset: number): OutputExpression {
  const pipes = topLevelPipes(source);
  const filters: FilterCall[] = [];
  for (const pipe of pipes) {
    const name = /^\s*([A-Za-z_]\w*)/.exec(source.slice(pipe + 1));
    if (!name) continue;
    const start = offset + pipe + 1 + name[0].length - name[1].length;
    filters.push({ name: name[1], start, end: start + name[1].length });
  }
  return { value: (pipes.length > 0 ? source.slice(0, pipes[0]) : source).trim(), filters };
}

const stringLiteral = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')$/s;
/** Translations of a literal: the text is the author's (and the translators'), not a user's. */
const translatedLiteral = /^(?:_|gettext|pgettext|trans)\(\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*(?:,[^()]*)?\)$/s;

/** A literal the author wrote: a string, a number, a constant, or the translation of a string. */
export function isConstantValue(value: string): boolean {
  const trimmed = value.trim();
  return stringLiteral.test(trimmed) || /^-?\d+(?:\.\d+)?$/.test(trimmed) || /^(?:true|false|none|True|False|None)$/.test(trimmed) || translatedLiteral.test(trimmed);
}
