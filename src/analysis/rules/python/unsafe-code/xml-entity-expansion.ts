import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { callQuery, keywordValue, positionalArguments, resolveCall } from '../calls';
import { isConstantText } from '../strings';

function each(module: string, functions: string[]): string[] {
  return functions.map((name) => `${module}.${name}`);
}

const elementTreeParsers = ['parse', 'iterparse', 'fromstring', 'fromstringlist', 'XML', 'XMLID', 'XMLParser', 'XMLPullParser'];

/** Standard-library parsing entry points; defusedxml has a twin of each. */
const standardParsers = new Set([
  ...each('xml.etree.ElementTree', elementTreeParsers),
  ...each('xml.etree.cElementTree', elementTreeParsers),
  ...each('xml.dom.minidom', ['parse', 'parseString']),
  ...each('xml.dom.pulldom', ['parse', 'parseString']),
  ...each('xml.dom.expatbuilder', ['parse', 'parseString']),
  ...each('xml.sax', ['parse', 'parseString', 'make_parser']),
  ...each('xml.sax.expatreader', ['create_parser']),
  ...each('xml.parsers.expat', ['ParserCreate']),
  ...each('xmlrpc.client', ['loads', 'ServerProxy']),
  ...each('xmlrpc.server', ['SimpleXMLRPCServer', 'DocXMLRPCServer']),
]);
/** Where each parse function takes the parser to use: positional index (ElementTree's iterparse takes it by keyword only). */
const parserPosition: [RegExp, number | undefined][] = [
  [/^xml\.etree\.c?ElementTree\.iterparse$/, undefined],
  [/^xml\.etree\.c?ElementTree\.(?:parse|fromstring|XML|XMLID)$/, 1],
  [/^xml\.dom\.(?:minidom|pulldom)\.(?:parse|parseString)$/, 1],
];

/** A parser handed in (defusedxml's DefusedExpatParser, or an XMLParser reported where it is made). */
function passesParser(call: Node, name: string): boolean {
  const position = parserPosition.find(([pattern]) => pattern.test(name));
  if (!position) return false;
  return !!keywordValue(call, 'parser') || (position[1] !== undefined && positionalArguments(call).length > position[1]);
}

/** Functions whose first argument is the document's text (not a file, nor a parser's options). */
const takesText = /\.(?:fromstring|fromstringlist|XML|XMLID|parseString|loads)$/;

export const xmlEntityExpansion: Rule = {
  meta: {
    id: 'xml-entity-expansion',
    title: 'Standard-library XML parser open to entity expansion',
    category: 'security',
    severity: 'info',
    confidence: 'low',
    cwe: 776,
    aliases: ['B313', 'B314', 'B315', 'B316', 'B317', 'B318', 'B319', 'S313', 'S314', 'S315', 'S316', 'S317', 'S318', 'S319'],
    why: 'The standard library\'s XML parsers do not resolve external entities (Python 3.7.1 and later), but with an Expat older than 2.4.1 a few hundred bytes of nested entity definitions ("billion laughs") expand to gigabytes and exhaust memory; xmlrpc also inflates gzip bodies without a limit.',
    doInstead: 'Parse XML that comes from outside with defusedxml (defusedxml.ElementTree.fromstring, defusedxml.minidom.parseString, defusedxml.xmlrpc.monkey_patch()), or make sure the Expat your Python links is 2.4.1 or later.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const { call, callee, name } = resolveCall(match, context)!;
    if (!name || !standardParsers.has(name)) return;
    // XML written in the program (a literal or a module constant) is not an attack.
    const document = takesText.test(name) ? positionalArguments(call)[0] : undefined;
    if ((document && isConstantText(document)) || passesParser(call, name)) return;
    context.report({
      node: call,
      message: `\`${callee.text}()\` resolves no external entities, but nested entities in untrusted XML can exhaust memory with an Expat before 2.4.1; defusedxml guards against both.`,
    });
  },
};
