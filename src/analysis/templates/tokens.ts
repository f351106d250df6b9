// Splits Jinja2 / Django template text into text, `{{ output }}`, `{% tag %}` and `{# comment #}`
// tokens, as both engines' lexers do with their default delimiters. Strings inside delimiters are
// skipped, so `{{ "}}" }}` is one token. `{% raw %}` (Jinja) and `{% verbatim %}` (Django) hold
// literal text; `{% comment %}...{% endcomment %}` (Django) is one comment.

export interface TextToken {
  kind: 'text';
  start: number;
  end: number;
  /** Inside `{% raw %}` / `{% verbatim %}`: delimiters there are text the page shows as written. */
  literal: boolean;
}

export interface OutputToken {
  kind: 'output';
  start: number;
  end: number;
  /** The expression between the delimiters and any whitespace-control marks. */
  expression: string;
  expressionStart: number;
}

export interface TagToken {
  kind: 'tag';
  start: number;
  end: number;
  /** `autoescape`, `endraw`, `set`: the first word. */
  name: string;
  /** What follows the name, trimmed. */
  args: string;
  argsStart: number;
}

export interface CommentToken {
  kind: 'comment';
  start: number;
  end: number;
  /** The comment's text, delimiters included, where a suppression directive is read. */
  text: string;
}

export type TemplateToken = TextToken | OutputToken | TagToken | CommentToken;

export interface TokenizedTemplate {
  tokens: TemplateToken[];
  /** A delimiter or block was left open; what follows it was read as text. */
  unclosed: boolean;
}

/** End of the delimited token that starts at `from` (just after its opener), skipping strings; -1 if none. */
function closingOffset(text: string, from: number, close: string): number {
  for (let index = from; index < text.length; index++) {
    const char = text[index];
    if (char === '"' || char === "'") {
      const end = stringEnd(text, index);
      // An unbalanced quote (an apostrophe in a broken tag): fall back to the first closer.
      if (end < 0) return text.indexOf(close, from);
      index = end;
    } else if (char === close[0] && text.startsWith(close, index)) {
      return index;
    }
  }
  return -1;
}

function stringEnd(text: string, open: number): number {
  const quote = text[open];
  for (let index = open + 1; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === quote) return index;
  }
  return -1;
}

/** `{%- name args -%}` -> the inner part without whitespace-control marks. */
function innerOf(text: string, start: number, end: number): { inner: string; innerStart: number } {
  let from = start + 2;
  let to = end - 2;
  if (text[from] === '-' || text[from] === '+') from++;
  if (to > from && (text[to - 1] === '-' || text[to - 1] === '+')) to--;
  return { inner: text.slice(from, to), innerStart: from };
}

function tagToken(text: string, start: number, end: number): TagToken {
  const { inner, innerStart } = innerOf(text, start, end);
  const match = /^(\s*)([A-Za-z_][\w]*)?(\s*)/.exec(inner)!;
  const name = match[2] ?? '';
  const rest = inner.slice(match[0].length);
  return { kind: 'tag', start, end, name, args: rest.trimEnd(), argsStart: innerStart + match[0].length };
}

/** Blocks whose content is not template syntax, by their opening tag, and the tag that ends each. */
const literalBlocks: Record<string, (args: string) => RegExp> = {
  raw: () => /\{%[-+]?\s*endraw\s*[-+]?%\}/g,
  verbatim: (args) => new RegExp(`\\{%[-+]?\\s*endverbatim${args ? `\\s+${args.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` : ''}\\s*[-+]?%\\}`, 'g'),
};
const commentBlockEnd = /\{%[-+]?\s*endcomment\s*[-+]?%\}/g;

export function tokenizeTemplate(text: string): TokenizedTemplate {
  const tokens: TemplateToken[] = [];
  let unclosed = false;
  let textStart = 0;
  const pushText = (end: number, literal = false) => {
    if (end > textStart) tokens.push({ kind: 'text', start: textStart, end, literal });
  };
  let index = text.indexOf('{');
  while (index >= 0 && index < text.length - 1) {
    const next = text[index + 1];
    if (next !== '{' && next !== '%' && next !== '#') {
      index = text.indexOf('{', index + 1);
      continue;
    }
    const close = next === '{' ? '}}' : next === '%' ? '%}' : '#}';
    const closeAt = next === '#' ? text.indexOf(close, index + 2) : closingOffset(text, index + 2, close);
    if (closeAt < 0) {
      unclosed = true;
      index = text.indexOf('{', index + 2);
      continue;
    }
    const end = closeAt + 2;
    pushText(index);
    if (next === '#') {
      tokens.push({ kind: 'comment', start: index, end, text: text.slice(index, end) });
      textStart = end;
    } else if (next === '{') {
      const { inner, innerStart } = innerOf(text, index, end);
      const leading = inner.length - inner.trimStart().length;
      tokens.push({ kind: 'output', start: index, end, expression: inner.trim(), expressionStart: innerStart + leading });
      textStart = end;
    } else {
      const tag = tagToken(text, index, end);
      const literalEnd = literalBlocks[tag.name];
      if (tag.name === 'comment' || literalEnd) {
        const ending = tag.name === 'comment' ? commentBlockEnd : literalEnd(tag.args);
        ending.lastIndex = end;
        const found = ending.exec(text);
        if (!found) {
          unclosed = true;
          tokens.push(tag);
          textStart = end;
        } else if (tag.name === 'comment') {
          const blockEnd = found.index + found[0].length;
          tokens.push({ kind: 'comment', start: index, end: blockEnd, text: text.slice(index, blockEnd) });
          textStart = blockEnd;
        } else {
          tokens.push(tag);
          textStart = end;
          pushText(found.index, true);
          const closing = tagToken(text, found.index, found.index + found[0].length);
          tokens.push(closing);
          textStart = closing.end;
        }
      } else {
        tokens.push(tag);
        textStart = end;
      }
    }
    index = text.indexOf('{', textStart);
  }
  textStart = Math.min(textStart, text.length);
  pushText(text.length);
  return { tokens, unclosed };
}
