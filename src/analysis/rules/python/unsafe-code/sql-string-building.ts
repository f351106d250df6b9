import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { lastSegment } from '../calls';
import { interpolatedValues, isConstantText, isStringNode, stringValue } from '../strings';
import { enclosingExpression, snippet, unwrapParentheses } from '../syntax';

/**
 * The places where text gets assembled: `%`, `+` (operators read in the check: a pattern with an
 * operator step costs quadratic time on long chains), `"...".format()` and f-strings.
 */
const query = `
  (binary_operator) @site
  (call function: (attribute object: [(string) (concatenated_string)] attribute: (identifier) @method) (#eq? @method "format")) @site
  (string (interpolation)) @fstring`;

type Technique = 'an f-string' | '% formatting' | 'str.format()' | 'string concatenation';

interface FormattingSite {
  node: Node;
  technique: Technique;
  /** The literal text, every value pasted in shown as `?`. */
  template: string;
  /** The values pasted in. */
  values: Node[];
}

/**
 * A string's content as Python reads it, near enough to match SQL: `\"`, `\'` and `\\` become the
 * character itself (so `\"users\"` is a quoted name), every other escape a space.
 */
function unescapedContent(content: Node): string {
  let text = '';
  let from = content.startIndex;
  for (const escape of content.namedChildren) {
    if (escape?.type !== 'escape_sequence') continue;
    text += content.text.slice(from - content.startIndex, escape.startIndex - content.startIndex);
    text += /^\\["'\\]$/.test(escape.text) ? escape.text[1] : ' ';
    from = escape.endIndex;
  }
  return text + content.text.slice(from - content.startIndex);
}

/** Literal text of a string; f-string fields become `?`. */
function literalText(node: Node): string {
  if (node.type === 'concatenated_string') return node.namedChildren.map((part) => (part ? literalText(part) : '')).join('');
  let text = '';
  for (const child of node.namedChildren) {
    if (child?.type === 'string_content') text += unescapedContent(child);
    else if (child?.type === 'interpolation') text += '?';
  }
  return text;
}

function isPlus(node: Node | null | undefined): node is Node {
  return node?.type === 'binary_operator' && node.childForFieldName('operator')?.type === '+';
}

/** Operands of a `+` chain, left to right (`a + (b + c)` included); no recursion, chains can be long. */
function plusOperands(node: Node): Node[] {
  const operands: Node[] = [];
  const pending = [node];
  while (pending.length > 0) {
    const value = unwrapParentheses(pending.pop()!);
    if (isPlus(value)) pending.push(value.childForFieldName('right')!, value.childForFieldName('left')!);
    else operands.push(value);
  }
  return operands;
}

// The inner links of the `+` chains met so far, per tree. `(binary_operator)` matches arrive in
// document order, an operator before its operands, so a `+` that no enclosing `+` has marked is
// the outermost one. Asking for its parent instead costs O(depth) (tree-sitter walks down from the
// root), O(n^2) over a chain: 9.8 s at 20,000 links.
const innerLinksByTree = new WeakMap<object, Set<number>>();

function isOutermostPlus(node: Node): boolean {
  let inner = innerLinksByTree.get(node.tree);
  if (!inner) innerLinksByTree.set(node.tree, (inner = new Set()));
  for (const side of ['left', 'right']) {
    const operand = unwrapParentheses(node.childForFieldName(side)!);
    if (isPlus(operand)) inner.add(operand.id);
  }
  return !inner.has(node.id);
}

/**
 * Can this `%` or `+` be the site that is reported? Only the outermost `+` of a chain and a `%`
 * with a literal on its left; asked before the node's text is read, which in a chain of n links
 * would copy O(n^2) text.
 */
function isCandidateOperator(node: Node): boolean {
  const operator = node.childForFieldName('operator')?.type;
  if (operator === '+') return isOutermostPlus(node);
  if (operator === '%') return isStringNode(unwrapParentheses(node.childForFieldName('left')!));
  return false;
}

const percentField = /%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[a-zA-Z%]/g;
const formatField = /\{\{|\}\}|\{[^{}]*\}/g;

function percentSite(node: Node): FormattingSite | undefined {
  const template = unwrapParentheses(node.childForFieldName('left')!);
  if (!isStringNode(template)) return undefined;
  const text = literalText(template).replace(percentField, (field) => (field === '%%' ? '%' : '?'));
  return { node, technique: '% formatting', template: text, values: interpolatedValues(node) };
}

function formatSite(node: Node): FormattingSite {
  const template = node.childForFieldName('function')!.childForFieldName('object')!;
  const text = literalText(template).replace(formatField, (field) => (field.length === 2 && field[0] === field[1] ? field[0] : '?'));
  return { node, technique: 'str.format()', template: text, values: interpolatedValues(node) };
}

/** A whole `+` chain, reported once at its outermost `+`; formatted operands count as values. */
/** Asked only for the outermost `+` of a chain (see isCandidateOperator). */
function plusSite(node: Node): FormattingSite | undefined {
  const operands = plusOperands(node);
  if (!operands.some(isStringNode)) return undefined;
  let template = '';
  const values: Node[] = [];
  for (const operand of operands) {
    template += isStringNode(operand) ? literalText(operand) : '?';
    values.push(...(isStringNode(operand) ? interpolatedValues(operand) : [operand]));
  }
  return { node, technique: 'string concatenation', template, values };
}

/** An f-string, unless it is part of a `+` chain that is reported as a whole. */
function fStringSite(node: Node): FormattingSite | undefined {
  const whole = node.parent?.type === 'concatenated_string' ? node.parent : node;
  if (isPlus(enclosingExpression(whole))) return undefined;
  return { node: whole, technique: 'an f-string', template: literalText(whole), values: interpolatedValues(whole) };
}

/** `", ".join(["%s"] * len(ids))` and the like only paste placeholders, never values. */
function isPlaceholderList(node: Node): boolean {
  if (node.type !== 'call' || lastSegment(node.childForFieldName('function') ?? undefined) !== 'join') return false;
  return node.descendantsOfType('string').some((part) => part && /^(?:\?|%s|:\w+)$/.test(stringValue(part) ?? ''));
}

// --- What SQL looks like -------------------------------------------------------------------------

/** A word in every text that looksLikeSql() accepts: a cheap test before the full match. */
const sqlVerb = /select|insert|update|delete|with/i;

const namePart = String.raw`(?:\?|[A-Za-z_][\w$]*|"[^"]+"|\x60[^\x60]+\x60|\[[^\]]+\])`;
const name = String.raw`${namePart}(?:\.(?:\*|${namePart}))*`;
const clauseKeywords = 'where join inner left right full cross natural outer group order limit offset having union except intersect for fetch window on using returning';
/** After the table: the end, a closing bracket, or the keyword of the next clause. */
const clauseAfterTable = String.raw`(?=\s*$|\s*[;),]|\s+(?:${clauseKeywords.split(' ').join('|')})\b)`;
const selectStatement = new RegExp(
  String.raw`^\(?\s*(select)\s+(?:(?:distinct|all)\s+)?(?:top\s+\S+\s+)?(.+?)\s+(from)\s+(${name})(?:\s+(?:as\s+)?(${name}))?${clauseAfterTable}`,
  'i',
);
const insertStatement = new RegExp(
  String.raw`^\(?\s*(insert)\s+(?:or\s+\w+\s+|ignore\s+)?(into)\s+(${name})\s*(?:\(|\?|values\b|select\b|default\s+values\b|set\b)`,
  'i',
);
const updateStatement = new RegExp(String.raw`^\(?\s*(update)\s+(?:only\s+)?(${name})(?:\s+(?:as\s+)?(${name}))?\s+(set)\s+(?:\?|${name}\s*=)`, 'i');
const deleteStatement = new RegExp(
  String.raw`^\(?\s*(delete)\s+(from)\s+(${name})(?:\s+(?:as\s+)?(${name}))?(?=\s*$|\s*;|\s+(?:where|using|returning)\b)`,
  'i',
);
const withStatement = new RegExp(
  String.raw`^\(?\s*with\s+(?:recursive\s+)?${name}\s*(?:\([^)]*\))?\s+as\s+(?:(?:not\s+)?materialized\s+)?\(\s*(?:select|insert|update|delete|values)\b`,
  'i',
);

/** Words that start English phrases ("select a file from the list"), never table or column names. */
const englishWords = new Set(
  'a an the this that these those my your our their his her its each every some any one which what me you it them us here there'.split(' '),
);

function isEnglishWord(word: string | undefined): boolean {
  return !!word && englishWords.has(word.toLowerCase());
}

/** "Select files from disk" starts a sentence: a capitalized verb, then a lower-case preposition. */
function readsLikeSentence(verb: string, preposition: string): boolean {
  return /^[A-Z][a-z]+$/.test(verb) && /^[a-z]+$/.test(preposition);
}

/** A select list: items such as `*`, `t.id`, `count(*) AS n`, `name alias`, separated by commas. */
function isColumnList(columns: string): boolean {
  let flat = columns;
  for (let previous = ''; previous !== flat; ) [previous, flat] = [flat, flat.replace(/\([^()]*\)/g, '()')];
  flat = flat.replace(/\(.*$/, '()').replace(/\s*([-+*/%|=<>]+)\s*/g, '$1');
  return flat.split(',').every((item) => {
    const words = item.trim().split(/\s+/);
    if (/^case\b/i.test(item.trim())) return /\bend\b/i.test(item);
    if (words.some((word) => !/^[\w.$*?"\x60'\[\]()%:+\-/|<>=]+$/.test(word))) return false;
    // `a` alone is a column; "a value" is English.
    if (words.length > 1 && isEnglishWord(words[0])) return false;
    return words.length <= 2 || (words.length === 3 && words[1].toLowerCase() === 'as');
  });
}

/** Does this text, with pasted values shown as `?`, start a SQL statement? */
function looksLikeSql(template: string): boolean {
  // Leading SQL comments (`-- name: find_user`, `/* report */`) often head a query.
  const text = template
    .replace(/^(?:\s*--[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const select = selectStatement.exec(text);
  if (select) return !readsLikeSentence(select[1], select[3]) && isColumnList(select[2]) && !isEnglishWord(select[4]);
  const insert = insertStatement.exec(text);
  if (insert) return !readsLikeSentence(insert[1], insert[2]) && !isEnglishWord(insert[3]);
  const update = updateStatement.exec(text);
  if (update) return !readsLikeSentence(update[1], update[4]) && !isEnglishWord(update[2]);
  const remove = deleteStatement.exec(text);
  if (remove) return !readsLikeSentence(remove[1], remove[2]) && !isEnglishWord(remove[3]);
  return withStatement.test(text);
}

// --- Where the text goes -------------------------------------------------------------------------

const sqlRunners = new Set(['execute', 'executemany', 'executescript', 'exec_driver_sql', 'mogrify', 'raw', 'read_sql', 'read_sql_query', 'text']);
const messageWriters = new Set(['print', 'debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log']);

/** The name of the function that `node` is passed to directly, if any. */
function receivingFunction(node: Node): string | undefined {
  let argument = node;
  while (argument.parent?.type === 'parenthesized_expression') argument = argument.parent;
  const list = argument.parent?.type === 'keyword_argument' ? argument.parent.parent : argument.parent;
  if (list?.type !== 'argument_list') return undefined;
  return lastSegment(list.parent?.childForFieldName('function') ?? undefined);
}

/** `` `name` `` or `` `name` and 2 more ``: the values a message names. */
function pastedValues(values: Node[]): string {
  const more = values.length > 1 ? ` and ${values.length - 1} more` : '';
  return `\`${snippet(values[0], 32)}\`${more}`;
}

function siteOf(node: Node, isFString: boolean): FormattingSite | undefined {
  if (isFString) return fStringSite(node);
  if (node.type === 'call') return formatSite(node);
  return node.childForFieldName('operator')?.type === '%' ? percentSite(node) : plusSite(node);
}

export const sqlStringBuilding: Rule = {
  meta: {
    id: 'sql-string-building',
    title: 'SQL query built from strings',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 89,
    aliases: ['B608', 'S608'],
    why: 'A value pasted into SQL text becomes part of the statement: a quote in it ends the string and whatever follows runs as SQL, so a user can read or change any table.',
    doInstead: 'Keep the SQL constant and pass values as parameters, e.g. `cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))`; pick table or column names from a fixed allow-list.',
    languages: ['python'],
  },

  mentions: /select|insert|update|delete|values/i,
  query,

  check(match, context) {
    const fString = match.get('fstring');
    const node = (fString ?? match.get('site'))!;
    if (node.type === 'binary_operator' && !isCandidateOperator(node)) return;
    // Most `+` and `%` are arithmetic: a site whose text has no SQL verb cannot build SQL (an
    // f-string may borrow one from the strings it is concatenated with, so it is always read).
    if (!fString && !sqlVerb.test(node.text)) return;
    const site = siteOf(node, !!fString);
    if (!site || !sqlVerb.test(site.template) || !looksLikeSql(site.template)) return;
    const pasted = site.values.filter((value) => !isConstantText(value) && !isPlaceholderList(value));
    if (pasted.length === 0) return;
    const receiver = receivingFunction(site.node);
    if (receiver && messageWriters.has(receiver)) return;
    const runs = !!receiver && sqlRunners.has(receiver);
    context.report({
      node: site.node,
      severity: runs ? 'error' : 'warning',
      confidence: runs ? 'high' : 'medium',
      message: `SQL built with ${site.technique} from ${pastedValues(pasted)}${runs ? ` and run by ${receiver}()` : ''}; pass values as query parameters instead.`,
    });
  },
};
