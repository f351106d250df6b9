import type { Rule } from '../../rule';

export const assertUsed: Rule = {
  meta: {
    id: 'assert-used',
    title: 'Use of assert',
    category: 'security',
    severity: 'info',
    confidence: 'high',
    cwe: 703,
    aliases: ['B101', 'S101'],
    why: 'Python drops every assert statement when it runs with -O or PYTHONOPTIMIZE, so a check written as an assert protects nothing in an optimized deployment.',
    doInstead: 'Check the condition with `if not condition:` and raise a specific exception. Keep assert for tests and for invariants whose failure is only a bug report.',
    languages: ['python'],
    // Tests are full of asserts: this rule runs only when selected.
    enabledByDefault: false,
  },

  query: '(assert_statement) @assert',

  check(match, context) {
    const statement = match.get('assert')!;
    context.report({
      node: statement.firstChild ?? statement,
      message: 'This assert disappears under `python -O`; raise an exception if the check must hold in production.',
    });
  },
};
