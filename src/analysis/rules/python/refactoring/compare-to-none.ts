import type { Rule } from '../../rule';
import { comparisonQuery, rangeOf, snippet, soleComparisonOperator } from '../syntax';

export const compareToNone: Rule = {
  meta: {
    id: 'compare-to-none',
    title: 'Comparison to None with == or !=',
    category: 'refactoring',
    severity: 'info',
    confidence: 'high',
    aliases: ['E711'],
    why: '`== None` calls __eq__, which a class may override to return anything; None is a singleton and identity is what you mean.',
    doInstead: 'Write `x is None` or `x is not None`.',
    languages: ['python'],
  },

  // Every comparison, read in the check: child steps in the pattern made a 2,000-link chain
  // (`x == None == ...`) cost seconds and gigabytes.
  query: comparisonQuery,

  check(match, context) {
    const comparison = match.get('comparison')!;
    // Chained comparisons (a == None == b) are rare and not safely rewritable.
    const operator = soleComparisonOperator(comparison);
    if (!operator || (operator.type !== '==' && operator.type !== '!=')) return;
    if (comparison.firstNamedChild?.type !== 'none' && comparison.lastNamedChild?.type !== 'none') return;
    const replacement = operator.type === '==' ? 'is' : 'is not';
    context.report({
      node: comparison,
      message: `\`${snippet(comparison)}\`: use \`${replacement}\` to compare with None, not \`${operator.type}\`.`,
      // Unsafe: `==` is whatever __eq__ says, and libraries rely on that (SQLAlchemy's
      // `column == None` builds `IS NULL`, NumPy compares element by element); `is` never calls it.
      fix: {
        title: `Replace ${operator.type} with ${replacement}`,
        edits: [{ range: rangeOf(operator), newText: replacement }],
        applicability: 'unsafe',
        changes: 'tests identity; an overloaded == (SQLAlchemy, NumPy) no longer runs',
      },
    });
  },
};
