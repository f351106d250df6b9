// Python literals as values: string prefixes, quotes and escapes, and integer and float syntax.
import { bytes, float, int, str, type Constant } from '../constant';

const simpleEscapes: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Decodes backslash escapes as Python does for a non-raw literal; undefined for `\N{...}` names. */
export function decodeEscapes(body: string, isBytes: boolean): string | undefined {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let at = 0; at < body.length; at++) {
    const char = body[at];
    if (char !== '\\' || at + 1 >= body.length) {
      out += char;
      continue;
    }
    const next = body[++at];
    if (next === '\n') continue; // a backslash at the end of a line joins the lines
    if (next === '\r') {
      if (body[at + 1] === '\n') at++;
      continue;
    }
    if (next in simpleEscapes) {
      out += simpleEscapes[next];
    } else if (next >= '0' && next <= '7') {
      const digits = /^[0-7]{1,3}/.exec(body.slice(at))![0];
      out += String.fromCharCode(parseInt(digits, 8));
      at += digits.length - 1;
    } else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(at + 1, at + 3))) {
      out += String.fromCharCode(parseInt(body.slice(at + 1, at + 3), 16));
      at += 2;
    } else if (!isBytes && next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(at + 1, at + 5))) {
      out += String.fromCharCode(parseInt(body.slice(at + 1, at + 5), 16));
      at += 4;
    } else if (!isBytes && next === 'U' && /^[0-9a-fA-F]{8}$/.test(body.slice(at + 1, at + 9))) {
      const codePoint = parseInt(body.slice(at + 1, at + 9), 16);
      if (codePoint > 0x10ffff) return undefined;
      out += String.fromCodePoint(codePoint);
      at += 8;
    } else if (!isBytes && next === 'N') {
      return undefined;
    } else {
      out += '\\' + next; // unknown escapes stay as written
    }
  }
  return out;
}

export interface StringPrefix {
  raw: boolean;
  bytes: boolean;
  formatted: boolean;
  /** Characters before the body: prefix letters and the opening quotes. */
  open: number;
  /** Length of the closing quotes. */
  close: number;
}

/** Reads `rb'''` and the like from the start of a string literal's text. */
export function stringPrefix(literal: string): StringPrefix | undefined {
  const match = /^([A-Za-z]{0,3})('''|"""|'|")/.exec(literal);
  if (!match) return undefined;
  const letters = match[1].toLowerCase();
  const quote = match[2];
  const closes = literal.length >= match[0].length + quote.length && literal.endsWith(quote);
  return {
    raw: letters.includes('r'),
    bytes: letters.includes('b'),
    formatted: letters.includes('f'),
    open: match[0].length,
    close: closes ? quote.length : 0,
  };
}

/** True when the literal text starts an f-string (so its syntax tree has interpolations). */
export function isFormattedLiteral(literal: string): boolean {
  return /^[A-Za-z]{0,3}['"]/.test(literal) && /^[A-Za-z]*[fF]/.test(literal);
}

/** The value of a plain (not formatted) string literal, from its source text. */
export function stringLiteralValue(literal: string): Constant | undefined {
  const prefix = stringPrefix(literal);
  if (!prefix || prefix.formatted) return undefined;
  const body = literal.slice(prefix.open, literal.length - prefix.close);
  const value = prefix.raw ? body : decodeEscapes(body, prefix.bytes);
  if (value === undefined) return undefined;
  return prefix.bytes ? bytes(value) : str(value);
}

/** The literal text of an f-string part: escapes decoded, `{{` and `}}` halved. */
export function formattedTextValue(text: string, raw: boolean): string | undefined {
  const decoded = raw ? text : decodeEscapes(text, false);
  return decoded?.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
}

export function integerLiteralValue(literal: string): Constant | undefined {
  const text = literal.replace(/_/g, '').toLowerCase();
  if (/[jl]$/.test(text)) return undefined; // complex, or a Python 2 long
  try {
    if (/^0[xob]/.test(text)) return int(BigInt(text));
    if (/^0+$/.test(text)) return int(0n);
    if (/^[1-9]\d*$/.test(text)) return int(BigInt(text));
    return undefined;
  } catch {
    return undefined;
  }
}

export function floatLiteralValue(literal: string): Constant | undefined {
  const text = literal.replace(/_/g, '');
  if (/[jJ]$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isNaN(value) ? undefined : float(value);
}
