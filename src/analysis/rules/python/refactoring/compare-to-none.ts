import type { Rule } from '../../rule';
import { rangeOf, snippet } from '../syntax';

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

  // Matches the operator token between an operand and a literal None, in either order.
  query: `
    (comparison_operator (_) operators: ["==" "!="] @operator (none)) @comparison
    (comparison_operator (none) operators: ["==" "!="] @operator (_)) @comparison`,

  check(match, context) {
    const comparison = match.get('comparison')!;
    const operator = match.get('operator')!;
    // Chained comparisons (a == None == b) are rare and not safely rewritable.
    if (comparison.namedChildren.length !== 2) return;
    const replacement = operator.type === '==' ? 'is' : 'is not';
    context.report({
      node: comparison,
      message: `\`${snippet(comparison)}\`: use \`${replacement}\` to compare with None, not \`${operator.type}\`.`,
      fix: { title: `Replace \`${operator.type}\` with \`${replacement}\``, edits: [{ range: rangeOf(operator), newText: replacement }] },
    });
  },
};
