import { taintRule } from './taintRule';

export const xpathInjection = taintRule(
  {
    id: 'xpath-injection',
    title: 'XPath injection: untrusted data in an XPath expression',
    severity: 'error',
    confidence: 'high',
    cwe: 643,
    why: 'Text from the request is pasted into an XPath expression, so a quote in it changes the query: `\' or \'1\'=\'1` selects every node, skipping the check the query was for.',
    doInstead: 'Pass values as XPath variables (`root.xpath("//user[@name=$name]", name=value)`, etree.XPath with variables) instead of formatting them into the expression.',
  },
  [],
);
