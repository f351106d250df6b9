import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { comparisonQuery, rangeOf, soleComparisonOperator } from '../syntax';

const identityOperator: Record<string, string> = { '==': 'is', '!=': 'is not' };

/** The argument of `type(x)`; one argument only: `type(name, bases, dict)` builds a class. */
function typeCallSubject(node: Node | null): Node | undefined {
  if (node?.type !== 'call') return undefined;
  const callee = node.childForFieldName('function');
  const list = node.childForFieldName('arguments');
  if (callee?.type !== 'identifier' || callee.text !== 'type' || list?.type !== 'argument_list' || list.namedChildCount !== 1) return undefined;
  return list.firstNamedChild ?? undefined;
}

export const typeComparison: Rule = {
  meta: {
    id: 'type-comparison',
    title: 'Type compared with == or !=',
    category: 'refactoring',
    severity: 'info',
    confidence: 'high',
    aliases: ['E721', 'C0123'],
    why: '`type(x) == T` rejects subclasses of T, which is rarely what the check means, and `==` on classes goes through a metaclass `__eq__`.',
    doInstead: 'Use `isinstance(x, T)` to accept subclasses; for an exact type check write `type(x) is T`.',
    languages: ['python'],
  },

  // Every comparison, read in the check: child steps in the pattern cost quadratic time on
  // long or deeply nested comparisons.
  query: comparisonQuery,

  check(match, context) {
    const comparison = match.get('comparison')!;
    const operator = soleComparisonOperator(comparison); // chained comparisons are left alone
    const replacement = operator && identityOperator[operator.type];
    if (!operator || !replacement) return;
    const subjectNode = typeCallSubject(comparison.firstNamedChild) ?? typeCallSubject(comparison.lastNamedChild);
    if (!subjectNode) return;
    const subject = subjectNode.text;
    context.report({
      node: comparison,
      message: `Use \`isinstance(${subject}, ...)\` to accept subclasses, or \`${replacement}\` for an exact type check, not \`${operator.type}\`.`,
      // Unsafe: `==` on classes is the metaclass's __eq__, and nothing in the file says which
      // metaclass the class of the subject has; only the default one makes `==` identity.
      fix: {
        title: `Compare types with ${replacement}`,
        edits: [{ range: rangeOf(operator), newText: replacement }],
        applicability: 'unsafe',
        changes: 'compares classes by identity, which differs where a metaclass defines ==',
      },
    });
  },
};
