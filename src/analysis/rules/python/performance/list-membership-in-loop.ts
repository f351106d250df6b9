import type { Node } from 'web-tree-sitter';
import type { Rule, RuleContext } from '../../rule';
import { precedingBinding } from '../bindings';
import { isCallTo } from '../calls';
import { repeatingLoop } from '../loops';
import { contains } from '../statements';
import { comparisonQuery, rangeOf, snippet, soleComparisonOperator } from '../syntax';

const constantTypes = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none']);

function isConstant(node: Node): boolean {
  if (node.type === 'unary_operator') return constantTypes.has(node.childForFieldName('argument')?.type ?? '');
  return constantTypes.has(node.type);
}

/** Names are usually constants or enum members: hashable, though a parser cannot prove it. */
function isLikelyHashable(node: Node): boolean {
  return isConstant(node) || node.type === 'identifier' || node.type === 'attribute';
}

function reportListLiteral(list: Node, context: RuleContext): void {
  const items = list.namedChildren.filter((item): item is Node => !!item && item.type !== 'comment');
  // One item is an `==`; unhashable items could not go in a set at all.
  if (items.length < 2 || !items.every(isLikelyHashable)) return;
  const setLiteral = `{${list.text.slice(1, -1)}}`;
  context.report({
    node: list,
    message: `Each pass of the loop scans \`${snippet(list)}\` item by item; test membership in a set literal instead.`,
    // Only constants are certainly hashable: names might hold lists, which a set would refuse.
    // Unsafe even then: a set hashes the value tested, which a list never did.
    fix: items.every(isConstant)
      ? {
          title: 'Use a set literal',
          edits: [{ range: rangeOf(list), newText: setLiteral }],
          applicability: 'unsafe',
          changes: 'hashes the value tested: an unhashable one (a list, a dict) raises TypeError',
        }
      : undefined,
  });
}

/** Does the loop add to the list (`seen.append(x)`), as in an order-keeping de-duplication? */
function growsIn(loop: Node, name: string): boolean {
  return new RegExp(`\\b${name}\\.(append|extend|insert)\\(`).test(loop.text);
}

function isListValue(value: Node): boolean {
  return value.type === 'list' || value.type === 'list_comprehension' || isCallTo(value, 'list');
}

export const listMembershipInLoop: Rule = {
  meta: {
    id: 'list-membership-in-loop',
    title: 'Membership test against a list inside a loop',
    category: 'performance',
    severity: 'info',
    confidence: 'medium',
    aliases: ['PLR6201', 'R6201'],
    why: '`x in some_list` compares against every item in turn; done on every pass of a loop, the scans add up to quadratic time, while a set answers in constant time.',
    doInstead: 'Test against a set: a literal `{"a", "b"}`, or `allowed = set(items)` built once before the loop.',
    languages: ['python'],
  },

  // Every comparison, read in the check: child steps in the pattern cost quadratic time on
  // long or deeply nested comparisons.
  query: comparisonQuery,

  check(match, context) {
    const comparison = match.get('comparison')!;
    const operator = soleComparisonOperator(comparison)?.type; // chained comparisons are left alone
    if (operator !== 'in' && operator !== 'not in') return;
    const haystack = comparison.lastNamedChild!;
    if (haystack.type !== 'list' && haystack.type !== 'identifier') return;
    const loop = repeatingLoop(comparison);
    if (!loop) return;
    if (haystack.type === 'list') {
      reportListLiteral(haystack, context);
      return;
    }
    const name = haystack.text;
    const binding = precedingBinding(comparison, name);
    // A list rebuilt on every pass is scanned once per build: a set would not pay off.
    if (!binding?.value || !isListValue(binding.value) || contains(loop, binding.statement)) return;
    context.report({
      node: haystack,
      message: growsIn(loop, name)
        ? `\`${name}\` is a list that this loop both searches and appends to; keep a set of the items alongside it for the \`in\` test.`
        : `\`${name}\` is a list, so every \`in\` test in this loop scans it; build a set from it once before the loop.`,
    });
  },
};
