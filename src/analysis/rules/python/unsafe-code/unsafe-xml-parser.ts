import type { Node } from 'web-tree-sitter';
import type { Rule, RuleContext } from '../../rule';
import { argumentAt, callQuery, keywordValue, positionalArguments, resolveCall } from '../calls';
import { isConstantText, stringValue } from '../strings';
import { isFalse, isTrue } from '../syntax';

/** lxml's entry points that parse with the default parser unless given one. */
const lxmlParsing = new Map<string, { input: string; parserIndex: number | undefined }>([
  ['lxml.etree.parse', { input: 'source', parserIndex: 1 }],
  ['lxml.etree.fromstring', { input: 'text', parserIndex: 1 }],
  ['lxml.etree.XML', { input: 'text', parserIndex: 1 }],
  ['lxml.etree.iterparse', { input: 'source', parserIndex: undefined }],
]);
const lxmlParserClasses = new Set(['lxml.etree.XMLParser', 'lxml.etree.ETCompatXMLParser', 'lxml.etree.XMLPullParser']);
/** SAX features that make expat fetch external entities (off by default since Python 3.7.1). */
const externalEntityFeatures = new Set(['xml.sax.handler.feature_external_ges', 'xml.sax.handler.feature_external_pes']);
const externalEntityFeatureUris = new Set(['http://xml.org/sax/features/external-general-entities', 'http://xml.org/sax/features/external-parameter-entities']);

/** `resolve_entities=`: True resolves external entities; False and "internal" do not; absent is lxml's default. */
function entityResolution(call: Node): 'external' | 'off' | 'default' | 'unknown' {
  const value = keywordValue(call, 'resolve_entities');
  if (!value) return 'default';
  if (isTrue(value)) return 'external';
  return isFalse(value) || stringValue(value) === 'internal' ? 'off' : 'unknown';
}

function isExternalEntityFeature(node: Node | undefined, context: RuleContext): boolean {
  if (!node) return false;
  return externalEntityFeatures.has(context.qualifiedName(node) ?? '') || externalEntityFeatureUris.has(stringValue(node) ?? '');
}

export const unsafeXmlParser: Rule = {
  meta: {
    id: 'unsafe-xml-parser',
    title: 'XML parser that resolves external entities (XXE)',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 611,
    aliases: ['B320', 'S320'],
    why: 'A parser that resolves external entities lets a document pull in local files (`<!ENTITY x SYSTEM "file:///etc/passwd">`) or URLs, so parsing untrusted XML can leak files or reach internal services. lxml does this with resolve_entities=True, and by default before lxml 5.2; SAX does it once feature_external_ges is switched on. The standard library\'s other parsers never resolve external entities (since Python 3.7.1); xml-entity-expansion covers what is left for them.',
    doInstead: 'For lxml, parse with `etree.XMLParser(resolve_entities=False, no_network=True)` (or upgrade to lxml 5.2+ and leave resolve_entities unset), or use defusedxml.lxml; leave SAX\'s feature_external_ges off.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const { call, callee, name } = resolveCall(match, context)!;
    if (callee.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'setFeature') {
      const [feature, value] = positionalArguments(call);
      if (isExternalEntityFeature(feature, context) && isTrue(value)) {
        context.report({ node: call, severity: 'error', confidence: 'high', message: `\`${call.text}\` makes the SAX parser fetch external entities, so a document can read local files or URLs.` });
      }
      return;
    }
    if (!name) return;
    const written = callee.text;
    if (lxmlParserClasses.has(name)) {
      const resolution = entityResolution(call);
      if (resolution === 'external') {
        context.report({ node: call, severity: 'error', confidence: 'high', message: `\`${written}(resolve_entities=True)\` resolves external entities, so a document can read local files or URLs.` });
      } else if (resolution === 'default') {
        context.report({ node: call, message: `\`${written}()\` without resolve_entities resolves external entities before lxml 5.2; pass resolve_entities=False.` });
      }
      return;
    }
    const parsing = lxmlParsing.get(name);
    if (!parsing) return;
    // A parser passed in decides; text written in the program is not an attack.
    const parser = parsing.parserIndex === undefined ? keywordValue(call, 'parser') : argumentAt(call, parsing.parserIndex, 'parser');
    const input = argumentAt(call, 0, parsing.input);
    if (parser || (input && isConstantText(input))) return;
    context.report({ node: call, message: `\`${written}()\` uses lxml's default parser, which resolves external entities before lxml 5.2; pass a parser with resolve_entities=False.` });
  },
};
