import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { argumentAt, callQuery, keywordValue, lastSegment, resolveCall } from '../calls';
import { quoted, type Risk, riskOf } from '../textRisk';

/** The arguments of QuerySet.extra() that hold SQL text, with their positions. */
const sqlArguments: [string, number][] = [
  ['select', 0],
  ['where', 1],
  ['tables', 3],
  ['order_by', 4],
];

/** The SQL strings inside one argument: a dict's values, a list's items, or the value itself. */
function sqlTexts(argument: Node): Node[] {
  if (argument.type === 'dictionary') {
    const values = argument.namedChildren.map((pair) => (pair?.type === 'pair' ? pair.childForFieldName('value') : null));
    return values.filter((value): value is Node => !!value);
  }
  if (argument.type === 'list' || argument.type === 'tuple') return argument.namedChildren.filter((item): item is Node => !!item);
  return [argument];
}

const severityRank = { info: 0, hint: 0, warning: 1, error: 2 };

/**
 * The worst risk among the SQL strings passed to extra(), or undefined when all are constant.
 * Positional arguments count only where the call is known to be Django's: `extra(x)` is a common
 * method name elsewhere, while `extra(where=...)` is not.
 */
function worstRisk(call: Node, readPositional: boolean): (Risk & { node: Node }) | undefined {
  let worst: (Risk & { node: Node }) | undefined;
  for (const [name, position] of sqlArguments) {
    const argument = readPositional ? argumentAt(call, position, name) : keywordValue(call, name);
    for (const text of argument ? sqlTexts(argument) : []) {
      const risk = riskOf(text);
      if (risk.severity !== 'info' && (!worst || severityRank[risk.severity] > severityRank[worst.severity])) worst = { ...risk, node: text };
    }
  }
  return worst;
}

export const djangoExtra: Rule = {
  meta: {
    id: 'django-extra',
    title: 'Django QuerySet.extra() with SQL built at run time',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 89,
    aliases: ['B610', 'S610'],
    why: 'QuerySet.extra() copies its select, where, tables and order_by strings into the SQL as written, so a value pasted into them can change the query.',
    doInstead: 'Use annotate(), filter() with Q objects and F() expressions; if extra() must stay, keep its strings constant and pass values through params= or select_params=.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const { call, callee } = resolveCall(match, context)!;
    if (callee.type !== 'attribute' || lastSegment(callee) !== 'extra') return;
    const isQuerySet = callee.text.includes('.objects') || context.importsModule('django');
    const risk = worstRisk(call, isQuerySet);
    if (!risk) return;
    context.report({
      node: call,
      severity: risk.severity,
      confidence: risk.confidence,
      message: `\`${callee.text}()\` gets ${risk.source}${quoted(risk.node)} as SQL; keep its strings constant and pass values in params=.`,
    });
  },
};
