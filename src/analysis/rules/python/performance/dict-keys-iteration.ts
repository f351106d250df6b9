import type { Node } from 'web-tree-sitter';
import type { Fix } from '../../../finding';
import type { Rule, RuleMatch } from '../../rule';
import { builtinTypeOf } from '../knownTypes';
import { comparisonQuery, rangeOf, soleComparisonOperator } from '../syntax';

const keysCall = `(call
  function: (attribute object: (_) @mapping attribute: (identifier) @method)
  arguments: (argument_list) @arguments
  (#eq? @method "keys")) @keys`;

/** `mapping.keys()` with no arguments: the mapping and the call. */
function keysCallParts(node: Node | null): { mapping: Node; keys: Node } | undefined {
  if (node?.type !== 'call') return undefined;
  const callee = node.childForFieldName('function');
  const list = node.childForFieldName('arguments');
  const mapping = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
  if (!mapping || callee?.childForFieldName('attribute')?.text !== 'keys' || list?.type !== 'argument_list' || list.namedChildCount !== 0) return undefined;
  return { mapping, keys: node };
}

/** What a match names: a loop over `.keys()`, or `key in mapping.keys()` (read here, not in the pattern). */
function keysUse(match: RuleMatch): { mapping: Node; keys: Node } | undefined {
  const comparison = match.get('comparison');
  if (!comparison) {
    if (match.get('arguments')!.namedChildCount !== 0) return undefined;
    return { mapping: match.get('mapping')!, keys: match.get('keys')! };
  }
  const operator = soleComparisonOperator(comparison)?.type; // chained comparisons are left alone
  return operator === 'in' || operator === 'not in' ? keysCallParts(comparison.lastNamedChild) : undefined;
}

/**
 * Drops `.keys()`. Safe only on a value the file shows to be a dict: iterating a dict or testing
 * `in` on it is exactly its keys. Anything else with a `keys()` method may iterate differently or
 * not at all (a Redis client's keys() asks the server; an email message tests `in` ignoring case).
 */
function dropKeysFix(mapping: Node, keys: Node): Fix {
  const edits = [{ range: { start: rangeOf(mapping).end, end: rangeOf(keys).end }, newText: '' }];
  const title = 'Remove .keys()';
  if (builtinTypeOf(mapping) === 'dict') return { title, edits, applicability: 'safe' };
  return { title, edits, applicability: 'unsafe', changes: 'iterates the object itself; some non-dict types differ from their keys()' };
}

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
    ${comparisonQuery}`,

  check(match, context) {
    const use = keysUse(match);
    if (!use) return;
    const { mapping, keys } = use;
    context.report({
      node: keys,
      message: `\`${mapping.text}\` iterates and tests membership over its keys already; drop \`.keys()\`.`,
      fix: dropKeysFix(mapping, keys),
    });
  },
};
