import { taintRule } from './taintRule';

export const codeInjection = taintRule(
  {
    id: 'code-injection',
    title: 'Code injection: untrusted data evaluated as Python',
    severity: 'error',
    confidence: 'high',
    cwe: 95,
    why: 'Text from the request reaches eval(), exec() or compile(): whoever sends it runs any Python in this process, with its files, secrets and network.',
    doInstead: 'Parse data instead of running it: ast.literal_eval() for Python literals, json.loads() for JSON, or a dict that maps allowed names to functions.',
  },
  ['eval-used', 'exec-used'],
);
