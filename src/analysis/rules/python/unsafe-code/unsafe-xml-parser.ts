import type { Rule } from '../../rule';
import { callQuery, isFalse, keywordValue } from '../syntax';
import { argumentAt, resolveCall } from './support';

function each(module: string, functions: string[]): string[] {
  return functions.map((name) => `${module}.${name}`);
}

const elementTreeParsers = ['parse', 'iterparse', 'fromstring', 'fromstringlist', 'XML', 'XMLID', 'XMLParser', 'XMLPullParser'];

/** Standard-library parsing entry points; defusedxml offers a hardened twin of each. */
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

/** lxml resolves entities unless given a parser built with resolve_entities=False. */
const lxmlParsers = new Set(
  each('lxml.etree', ['parse', 'fromstring', 'XML', 'iterparse', 'XMLParser', 'RestrictedElement', 'GlobalParserTLS', 'getDefaultParser', 'check_docinfo']),
);

export const unsafeXmlParser: Rule = {
  meta: {
    id: 'unsafe-xml-parser',
    title: 'XML parsed with a parser open to entity attacks',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 611,
    aliases: ['B313', 'B314', 'B315', 'B316', 'B317', 'B318', 'B319', 'B320', 'S313', 'S314', 'S315', 'S316', 'S317', 'S318', 'S319', 'S320'],
    why: 'Untrusted XML can declare entities that expand to gigabytes ("billion laughs") or, in lxml and older parsers, read local files and URLs (XXE).',
    doInstead: 'Parse untrusted XML with defusedxml (defusedxml.ElementTree.fromstring, defusedxml.minidom.parseString, ...); for lxml, pass a parser created with resolve_entities=False and no_network=True.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const { call, name } = resolveCall(match, context);
    if (!name) return;
    if (standardParsers.has(name)) {
      context.report({
        node: call,
        message: `\`${name}()\` is not protected against malicious XML; use the defusedxml equivalent for untrusted input.`,
      });
      return;
    }
    if (!lxmlParsers.has(name)) return;
    // A parser passed in, or one built with entity resolution off, is the documented hardening.
    if (isFalse(keywordValue(call, 'resolve_entities'))) return;
    const parser = name === 'lxml.etree.iterparse' ? keywordValue(call, 'parser') : argumentAt(call, 1, 'parser');
    if (parser) return;
    context.report({
      node: call,
      message: `\`${name}()\` resolves XML entities by default; pass a parser with resolve_entities=False, or use defusedxml.`,
    });
  },
};
