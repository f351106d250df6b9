import { callsRule } from '../calls';

export const marshalDeserialization = callsRule(
  {
    id: 'marshal-deserialization',
    title: 'Deserialization with marshal',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 502,
    aliases: ['B302', 'S302'],
    why: 'marshal is the format of .pyc files: it is not hardened against malformed or malicious input, changes between Python versions, and can rebuild code objects.',
    doInstead: 'Use JSON (or another data-only format) for anything that crosses a trust boundary; keep marshal for data your own process wrote.',
    languages: ['python'],
  },
  new Set(['marshal.load', 'marshal.loads']),
  (name) => `\`${name}()\` is not safe on untrusted data; use a data-only format such as JSON.`,
);
