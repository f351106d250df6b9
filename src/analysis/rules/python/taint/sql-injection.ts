import { taintRule } from './taintRule';

export const sqlInjection = taintRule(
  {
    id: 'sql-injection',
    title: 'SQL injection: untrusted data in a query',
    severity: 'error',
    confidence: 'high',
    cwe: 89,
    why: 'Text from the request is pasted into SQL, so a quote in it ends the string and the rest runs as SQL: an attacker can read, change or delete any data the database user can.',
    doInstead: 'Pass values as query parameters (`cursor.execute("... WHERE id = %s", (value,))`, SQLAlchemy bound parameters, the Django ORM); for names of tables or columns, choose from a fixed list.',
  },
  ['sql-string-building', 'django-extra', 'django-rawsql'],
);
