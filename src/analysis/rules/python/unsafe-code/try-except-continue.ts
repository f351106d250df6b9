import type { Rule } from '../../rule';
import { catchesEverything, handlerHeader, soleHandlerStatement } from '../handlers';
import { headerRange } from '../syntax';

export const tryExceptContinue: Rule = {
  meta: {
    id: 'try-except-continue',
    title: 'Every exception silently skipped in a loop (except: continue)',
    category: 'security',
    severity: 'info',
    confidence: 'high',
    cwe: 703,
    aliases: ['B112', 'S112'],
    why: 'Catching every exception and moving on to the next item hides failures: bad input, bugs and attacks all vanish without a log line, and the loop reports success.',
    doInstead: 'Catch the specific exceptions a bad item raises, and log what was skipped (`logger.warning(...)`) before `continue`.',
    languages: ['python'],
  },

  query: '(except_clause) @clause',

  check(match, context) {
    const clause = match.get('clause')!;
    if (soleHandlerStatement(clause)?.type !== 'continue_statement' || !catchesEverything(clause, context)) return;
    context.report({
      range: headerRange(clause),
      message: `\`${handlerHeader(clause)} continue\` skips every kind of error without a trace; catch specific exceptions or log them.`,
    });
  },
};
