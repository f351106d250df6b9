// lxml: parsers that resolve external entities unless told not to, and XPath expressions. The
// standard library's ElementTree no longer resolves external entities (Python 3.7.1 and later).
import type { FrameworkModel, UnlessCondition } from '../../../../flow/models';

const safeParser: UnlessCondition = { keyword: 'parser', position: 1, refKeywordFalsy: 'resolve_entities' };

export const xmlParsersModel: FrameworkModel = {
  name: 'xml-parsers',
  appliesTo: /\blxml\b|\belementpath\b/,
  sinks: [
    ...['lxml.etree.fromstring', 'lxml.etree.XML', 'lxml.etree.parse', 'lxml.etree.iterparse', 'lxml.objectify.fromstring', 'lxml.objectify.parse', 'lxml.etree.fromstringlist'].map(
      (path) => ({ path, kind: 'xxe', args: [0], keywords: ['text', 'source'], unless: [safeParser] }),
    ),
    ...['lxml.etree.XPath', 'lxml.etree.ETXPath'].map((path) => ({ path, kind: 'xpath-injection', args: [0], keywords: ['path'] })),
    { method: 'xpath', kind: 'xpath-injection', args: [0], keywords: ['_path'] },
    ...['find', 'findall', 'findtext', 'iterfind'].map((method) => ({ path: `lxml.**.${method}`, kind: 'xpath-injection', args: [0], keywords: ['path'] })),
    { path: 'elementpath.select', kind: 'xpath-injection', args: [1], keywords: ['path'] },
  ],
};
