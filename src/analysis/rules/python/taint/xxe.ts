import { taintRule } from './taintRule';

export const xxe = taintRule(
  {
    id: 'xxe',
    title: 'XML external entities: untrusted XML parsed with entities on',
    severity: 'error',
    confidence: 'high',
    cwe: 611,
    why: 'XML from the request is parsed by a parser that resolves external entities (lxml by default, or a SAX parser with external general entities on), so a `<!ENTITY x SYSTEM "file:///etc/passwd">` in it reads local files or makes the server fetch URLs.',
    doInstead: 'Parse untrusted XML with defusedxml, or with lxml.etree.XMLParser(resolve_entities=False, no_network=True); the standard library\'s ElementTree does not resolve external entities since Python 3.7.1.',
  },
  ['unsafe-xml-parser'],
);
