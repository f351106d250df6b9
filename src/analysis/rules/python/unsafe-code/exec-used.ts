import type { Rule } from '../../rule';
import { callQuery, positionalArguments, resolveCall } from '../calls';
import { stringValue } from '../strings';
import { snippet } from '../syntax';

export const execUsed: Rule = {
  meta: {
    id: 'exec-used',
    title: 'Use of exec()',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 95,
    aliases: ['B102', 'S102'],
    why: 'exec() runs whole Python programs, imports and assignments included. Any text that reaches it from outside the code hands an attacker your process.',
    doInstead: 'Call the functions you need directly, look them up in a dict of allowed operations, or load plugins with importlib from a fixed list of modules.',
    languages: ['python'],
  },

  mentions: /\bexec\b/,
  query: callQuery,

  check(match, context) {
    const { call, name } = resolveCall(match, context)!;
    if (name !== 'exec' && name !== 'builtins.exec') return;
    // A constant source is written by the author, not supplied by a user.
    const [source] = positionalArguments(call);
    if (source && stringValue(source) !== undefined) return;
    const what = source ? `whatever code \`${snippet(source)}\` holds` : 'arbitrary code';
    context.report({ node: call, message: `\`${call.childForFieldName('function')!.text}()\` runs ${what}; make sure no part of it comes from outside the program.` });
  },
};
