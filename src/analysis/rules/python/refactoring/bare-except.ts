import type { Rule } from '../../rule';
import { statementsOf } from '../statements';
import { rangeOf } from '../syntax';

export const bareExcept: Rule = {
  meta: {
    id: 'bare-except',
    title: 'Bare `except:` clause',
    category: 'refactoring',
    severity: 'warning',
    confidence: 'high',
    aliases: ['E722', 'W0702'],
    why: 'A bare `except:` also catches KeyboardInterrupt and SystemExit, so Ctrl+C and `sys.exit()` get swallowed along with real bugs.',
    doInstead: 'Catch the exceptions you expect, or at least `except Exception:`; re-raise what you cannot handle.',
    languages: ['python'],
  },

  query: '(except_clause !value) @clause',

  check(match, context) {
    const clause = match.get('clause')!;
    const keyword = clause.firstChild;
    if (keyword?.type !== 'except') return;
    // `except: cleanup(); raise` hands everything on; catching all of it there is deliberate.
    const handler = clause.namedChildren.find((child) => child?.type === 'block');
    if (handler && statementsOf(handler).some((statement) => statement.type === 'raise_statement' && statement.namedChildCount === 0)) {
      return;
    }
    context.report({
      node: keyword,
      message: 'Bare `except:` also catches KeyboardInterrupt and SystemExit; name the exceptions, or use `except Exception:`.',
      // Unsafe: that is the point of the fix, but KeyboardInterrupt and SystemExit now pass through.
      fix: {
        title: 'Catch Exception instead',
        edits: [{ range: rangeOf(keyword), newText: 'except Exception' }],
        applicability: 'unsafe',
        changes: 'no longer catches KeyboardInterrupt, SystemExit or GeneratorExit',
      },
    });
  },
};
