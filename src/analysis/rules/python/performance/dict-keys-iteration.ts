import type { Rule } from '../../rule';
import { rangeOf } from '../syntax';

const keysCall = `(call
  function: (attribute object: (_) @mapping attribute: (identifier) @method)
  arguments: (argument_list) @arguments
  (#eq? @method "keys")) @keys`;

export const dictKeysIteration: Rule = {
  meta: {
    id: 'dict-keys-iteration',
    title: 'Iteration or membership test over `.keys()`',
    category: 'performance',
    severity: 'info',
    // The object may not be a dict; a mapping whose `keys()` differs from its iteration is rare.
    confidence: 'medium',
    aliases: ['SIM118', 'C0201'],
    why: 'Iterating a dict, or testing `key in mapping`, already goes over its keys; `.keys()` adds a method call and a view object, and reads as if it did more.',
    doInstead: 'Write `for key in mapping:` and `if key in mapping:`.',
    languages: ['python'],
  },

  query: `
    (for_statement right: ${keysCall})
    (for_in_clause right: ${keysCall})
    (comparison_operator operators: ["in" "not in"] ${keysCall} .) @comparison`,

  check(match, context) {
    if (match.get('arguments')!.namedChildCount !== 0) return;
    if (match.get('comparison') && match.get('comparison')!.namedChildCount !== 2) return; // chained
    const mapping = match.get('mapping')!;
    const keys = match.get('keys')!;
    context.report({
      node: keys,
      message: `\`${mapping.text}\` iterates and tests membership over its keys already; drop \`.keys()\`.`,
      fix: {
        title: 'Remove `.keys()`',
        edits: [{ range: { start: rangeOf(mapping).end, end: rangeOf(keys).end }, newText: '' }],
      },
    });
  },
};
