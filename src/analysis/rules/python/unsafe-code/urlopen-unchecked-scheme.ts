import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { valueBoundTo } from '../bindings';
import { argumentAt, callQuery, resolveCall } from '../calls';
import { isStringNode, stringLiteralParts, textOrigin } from '../strings';
import { enclosingFunction, unwrapParentheses } from '../syntax';

/** urllib's openers, in Python 3, Python 2 and six; each opens file:// and ftp:// URLs as readily as https://. */
const openers = new Set([
  ...['urllib.request', 'six.moves.urllib.request'].flatMap((module) => [`${module}.urlopen`, `${module}.urlretrieve`]),
  'urllib.urlopen',
  'urllib.urlretrieve',
  'urllib2.urlopen',
]);
const requestClasses = new Set(['urllib.request.Request', 'six.moves.urllib.request.Request', 'urllib2.Request']);
/** A literal start that fixes the scheme: `https://`, `http:` (`f"http:{rest}"`). */
const fixedScheme = /^\s*https?:/i;
/** A check of the scheme somewhere in the function: `parsed.scheme`, `url.startswith(("http://", "https://"))`. */
const schemeCheck = /\.scheme\b|startswith\(\s*\(?\s*[rbuf]*["']https?:/;

/** The URL of `Request(url, ...)`, when `node` is such a call or a name bound to one. */
function requestUrl(node: Node, context: Parameters<Rule['check']>[1]): Node | undefined {
  const value = node.type === 'identifier' ? valueBoundTo(node) ?? node : node;
  if (value.type !== 'call' || !requestClasses.has(context.qualifiedName(value.childForFieldName('function')) ?? '')) return undefined;
  return argumentAt(value, 0, 'url');
}

/** Is the scheme fixed where the URL is made: a literal, a constant, or text that starts with `https://`? */
function hasFixedScheme(url: Node): boolean {
  const value = unwrapParentheses(url.type === 'identifier' ? valueBoundTo(url) ?? url : url);
  if (textOrigin(value) === 'literal') return true;
  // The text's start: the left of `+` and `%` chains, the template of `.format()`.
  let start: Node = value;
  while (start.type === 'binary_operator') start = unwrapParentheses(start.childForFieldName('left')!);
  if (start.type === 'call') start = start.childForFieldName('function')?.childForFieldName('object') ?? start;
  // `API + path` with `API = "https://..."` in the file.
  if (start.type === 'identifier') start = valueBoundTo(start) ?? start;
  return isStringNode(start) && fixedScheme.test(stringLiteralParts(start));
}

export const urlopenUncheckedScheme: Rule = {
  meta: {
    id: 'urlopen-unchecked-scheme',
    title: 'urlopen() on a URL whose scheme is not checked',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 22,
    aliases: ['B310', 'S310'],
    why: 'urllib.request.urlopen() and urlretrieve() open whatever scheme the URL names: given a file URL for /etc/passwd they read a local file, given an ftp URL they leave HTTP, so a URL that comes from outside can read the server\'s own files.',
    doInstead: 'Check the scheme before opening: `if urllib.parse.urlparse(url).scheme not in ("http", "https"): raise ValueError(url)`, or build the URL from a fixed https prefix; an HTTP client such as requests does not open file URLs at all.',
    languages: ['python'],
  },

  mentions: /urlopen|urlretrieve/,
  query: callQuery,

  check(match, context) {
    const { call, callee, name } = resolveCall(match, context)!;
    if (!name || !openers.has(name)) return;
    const argument = argumentAt(call, 0, 'url');
    if (!argument) return;
    const url = requestUrl(argument, context) ?? argument;
    if (hasFixedScheme(url)) return;
    const scope = enclosingFunction(call) ?? call.tree.rootNode;
    if (schemeCheck.test(scope.text)) return;
    context.report({ node: call, message: `\`${callee.text}(${argument.text})\` opens any scheme the URL names, file:// included; check that it is http or https first.` });
  },
};
