import type { Rule } from '../../rule';
import { argumentAt, callQuery, resolveCall } from '../calls';
import { quoted, riskOf } from '../textRisk';

/** Where Django exports RawSQL: the expressions module and the models package. */
const rawSqlNames = new Set(['django.db.models.expressions.RawSQL', 'django.db.models.RawSQL']);

export const djangoRawsql: Rule = {
  meta: {
    id: 'django-rawsql',
    title: 'Django RawSQL with SQL built at run time',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 89,
    aliases: ['B611', 'S611'],
    why: 'RawSQL() puts its first argument into the query as written. Any value pasted into that text can change the statement.',
    doInstead: 'Keep the SQL text constant and pass values in the params list: `RawSQL("select col from t where id = %s", (pk,))`. Better still, express it with F(), Func() or Subquery().',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const { call, name } = resolveCall(match, context)!;
    if (!name || !rawSqlNames.has(name)) return;
    const sql = argumentAt(call, 0, 'sql');
    const risk = riskOf(sql);
    if (!sql || risk.severity === 'info') return;
    context.report({
      node: call,
      severity: risk.severity,
      confidence: risk.confidence,
      message: `RawSQL() gets ${risk.source}${quoted(sql)} as its SQL; keep the SQL constant and pass values in params.`,
    });
  },
};
