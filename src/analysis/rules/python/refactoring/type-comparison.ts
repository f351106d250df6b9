import type { Rule } from '../../rule';
import { rangeOf } from '../syntax';

const identityOperator: Record<string, string> = { '==': 'is', '!=': 'is not' };

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

  // One argument only: `type(name, bases, dict)` builds a class.
  query: `
    (comparison_operator
      (call function: (identifier) @type arguments: (argument_list . (_) @subject .) (#eq? @type "type"))) @comparison`,

  check(match, context) {
    const comparison = match.get('comparison')!;
    if (comparison.namedChildCount !== 2) return; // chained comparisons are left alone
    const operator = comparison.childrenForFieldName('operators')[0];
    const replacement = operator && identityOperator[operator.type];
    if (!operator || !replacement) return;
    const subject = match.get('subject')!.text;
    context.report({
      node: comparison,
      message: `Use \`isinstance(${subject}, ...)\` to accept subclasses, or \`${replacement}\` for an exact type check, not \`${operator.type}\`.`,
      fix: { title: `Compare types with \`${replacement}\``, edits: [{ range: rangeOf(operator), newText: replacement }] },
    });
  },
};
