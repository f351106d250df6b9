import type { Rule } from '../../rule';
import { callQuery, positionalArguments } from '../calls';
import { stringValue } from '../strings';
import { snippet } from '../syntax';

export const evalUsed: Rule = {
  meta: {
    id: 'eval-used',
    title: 'Use of eval()',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 95,
    aliases: ['B307', 'S307'],
    why: 'eval() runs any Python expression. If any part of its input comes from a user, a file or the network, an attacker can run code in your process.',
    doInstead: 'Parse data with ast.literal_eval() for Python literals or json.loads() for JSON; dispatch on a dict of allowed operations instead of evaluating code.',
    languages: ['python'],
  },

  mentions: /\beval\b/,
  query: callQuery,

  check(match, context) {
    const call = match.get('call')!;
    const name = context.qualifiedName(match.get('callee'));
    if (name !== 'eval' && name !== 'builtins.eval') return;
    // A constant literal string is not attacker-controlled; still odd, but not a finding.
    const [source] = positionalArguments(call);
    if (source && stringValue(source) !== undefined) return;
    const what = source ? `whatever code \`${snippet(source)}\` holds` : 'arbitrary code';
    context.report({ node: call, message: `\`${call.childForFieldName('function')!.text}()\` runs ${what}; never pass it input you do not control.` });
  },
};
