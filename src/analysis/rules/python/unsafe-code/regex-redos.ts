import type { Node } from 'web-tree-sitter';
import { reFlags } from '../../../regex/pythonPattern';
import { findRedos } from '../../../regex/redos';
import type { Rule, RuleContext } from '../../rule';
import { valueBoundTo } from '../bindings';
import { argumentAt, callQuery, resolveCall } from '../calls';

/** The functions of `re` and `regex` that compile a pattern, and where each takes its flags. */
const flagsIndex: Record<string, number> = { compile: 1, search: 2, match: 2, fullmatch: 2, findall: 2, finditer: 2, sub: 4, subn: 4, split: 3 };
const modules = new Set(['re', 'regex']);

/** Flags that change how a pattern reads; the others (ASCII, LOCALE, the `regex` module's own) do not matter here. */
const flagValues: Record<string, number> = {
  I: reFlags.IGNORECASE, IGNORECASE: reFlags.IGNORECASE, M: reFlags.MULTILINE, MULTILINE: reFlags.MULTILINE,
  S: reFlags.DOTALL, DOTALL: reFlags.DOTALL, X: reFlags.VERBOSE, VERBOSE: reFlags.VERBOSE,
  A: 0, ASCII: 0, U: 0, UNICODE: 0, L: 0, LOCALE: 0, DEBUG: 0, NOFLAG: 0, V0: 0, V1: 0, VERSION0: 0, VERSION1: 0,
  B: 0, BESTMATCH: 0, E: 0, ENHANCEMATCH: 0, F: 0, FULLCASE: 0, W: 0, WORD: 0, T: 0, TEMPLATE: 0,
};

/** The value of a flags argument, or undefined when the code computes it (the pattern is then not judged). */
function flagsOf(node: Node | undefined, context: RuleContext): number | undefined {
  if (!node) return 0;
  if (node.type === 'integer') return Number(node.text);
  if (node.type === 'binary_operator' && ['|', '+'].includes(node.childForFieldName('operator')?.type ?? '')) {
    const left = flagsOf(node.childForFieldName('left') ?? undefined, context);
    const right = flagsOf(node.childForFieldName('right') ?? undefined, context);
    return left === undefined || right === undefined ? undefined : left | right;
  }
  const name = context.qualifiedName(node)?.split('.');
  if (!name || name.length !== 2 || !modules.has(name[0])) return undefined;
  return flagValues[name[1]];
}

const simpleEscapes: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', a: '\u0007', b: '\b', f: '\f', v: '\v', '\n': '' };

/** An escape sequence of a (not raw) Python string literal, as the string holds it. */
function decodeEscape(escape: string): string {
  const body = escape.slice(1);
  if (body in simpleEscapes) return simpleEscapes[body];
  if (/^[0-7]{1,3}$/.test(body)) return String.fromCharCode(parseInt(body, 8));
  if (/^(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})$/.test(body)) return String.fromCodePoint(parseInt(body.slice(1), 16));
  // `\N{EM DASH}`: the name is not looked up; one unusual character stands for it.
  return body.startsWith('N{') ? '\uFFFF' : escape;
}

/** The text a string literal (or an implicit concatenation of them) holds; undefined for f-strings and the rest. */
function literalText(node: Node): string | undefined {
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.map((part) => (part ? literalText(part) : undefined));
    return parts.every((part) => part !== undefined) ? parts.join('') : undefined;
  }
  if (node.type !== 'string') return undefined;
  const prefix = /^[a-zA-Z]*/.exec(node.firstChild?.text ?? '')![0].toLowerCase();
  if (prefix.includes('f') || prefix.includes('t')) return undefined;
  const raw = prefix.includes('r');
  let text = '';
  for (const child of node.namedChildren) {
    if (child?.type === 'interpolation') return undefined;
    if (child?.type !== 'string_content') continue;
    // Escape sequences are children of the content: decode each in place (raw strings keep them).
    let at = child.startIndex;
    for (const escape of child.namedChildren) {
      if (escape?.type !== 'escape_sequence') continue;
      text += child.text.slice(at - child.startIndex, escape.startIndex - child.startIndex) + (raw ? escape.text : decodeEscape(escape.text));
      at = escape.endIndex;
    }
    text += child.text.slice(at - child.startIndex);
  }
  return text;
}

/** The pattern as a constant: a literal, or a name bound to one (`WORD = r"..."` at module level). */
function constantPattern(argument: Node): string | undefined {
  const literal = literalText(argument);
  if (literal !== undefined) return literal;
  const bound = argument.type === 'identifier' ? valueBoundTo(argument) : undefined;
  return bound ? literalText(bound) : undefined;
}

export const regexRedos: Rule = {
  meta: {
    id: 'regex-redos',
    title: 'Regular expression with exponential backtracking (ReDoS)',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 1333,
    aliases: [],
    why: 'Python\'s regex engine backtracks. A repeat inside a repeat that can read the same text (`(a+)+`, `(\\w+\\s?)*`), or repeated branches that can match the same text (`(a|a?)+`), makes it try exponentially many ways to split an input that almost matches: a few dozen characters can hold a worker for minutes.',
    doInstead: 'Rewrite the pattern so that each piece of text can be matched in one way only (`\\w+(\\s\\w+)*` for `(\\w+\\s?)*`), use a possessive quantifier or an atomic group (Python 3.11+), or bound the input\'s length before matching.',
    languages: ['python'],
  },

  mentions: /\bre\b|\bregex\b/,
  query: callQuery,

  check(match, context) {
    const { call, name } = resolveCall(match, context)!;
    const [module, functionName, ...rest] = name?.split('.') ?? [];
    if (!modules.has(module) || rest.length > 0 || !(functionName in flagsIndex)) return;
    const argument = argumentAt(call, 0, 'pattern');
    const pattern = argument && constantPattern(argument);
    if (pattern === undefined) return;
    const flags = flagsOf(argumentAt(call, flagsIndex[functionName], 'flags'), context);
    if (flags === undefined) return;
    const verdict = findRedos(pattern, flags, functionName === 'fullmatch');
    if (!verdict.analysed || !verdict.finding) return;
    const { kind, repeat, culprit } = verdict.finding;
    const shape =
      kind === 'nested-repeat'
        ? `repeats \`${culprit}\` inside the repeat \`${repeat}\``
        : kind === 'adjacent-repeats'
          ? `repeats \`${repeat}\`, in which \`${culprit}\` meet and can read the same text`
          : `repeats \`${repeat}\`, whose branches \`${culprit}\` can match the same text`;
    context.report({ node: argument, message: `This pattern ${shape}: on input that almost matches, backtracking tries exponentially many ways to split it (ReDoS).` });
  },
};
