import type { Rule } from '../../rule';
import { catchesEverything, handlerHeader, soleHandlerStatement } from '../handlers';
import { headerRange } from '../syntax';

export const tryExceptPass: Rule = {
  meta: {
    id: 'try-except-pass',
    title: 'Every exception silently ignored (except: pass)',
    category: 'security',
    severity: 'info',
    confidence: 'high',
    cwe: 703,
    aliases: ['B110', 'S110'],
    why: 'Catching every exception and doing nothing hides failures, bugs and attacks alike: a security check that crashes looks the same as one that passed, and nothing is left in the logs.',
    doInstead: 'Catch the specific exceptions you expect, and log the rest (`logger.exception(...)`) or let them propagate; use contextlib.suppress(SpecificError) for the ones you really mean to ignore.',
    languages: ['python'],
  },

  query: '(except_clause) @clause',

  check(match, context) {
    const clause = match.get('clause')!;
    const statement = soleHandlerStatement(clause);
    const ignores = statement?.type === 'pass_statement' || (statement?.type === 'expression_statement' && statement.text === '...');
    if (!ignores || !catchesEverything(clause, context)) return;
    context.report({
      range: headerRange(clause),
      message: `\`${handlerHeader(clause)} ${statement!.text}\` swallows every exception without a trace; catch specific exceptions or log them.`,
    });
  },
};
