// SQL through DB-API cursors and connections, SQLAlchemy, Django's raw SQL and pandas. Values
// passed as query parameters (the second argument of execute) are never a finding.
import type { FrameworkModel } from '../../../../flow/models';

const sqlKeywords = ['sql', 'query', 'operation', 'statement', 'sql_script'];

/** QuerySet and Manager methods: they bind their arguments, and return rows. */
const ormMethods = [
  'get', 'filter', 'exclude', 'first', 'last', 'all', 'values', 'values_list', 'order_by', 'distinct', 'get_or_create',
  'update_or_create', 'count', 'exists', 'annotate', 'aggregate', 'select_related', 'prefetch_related', 'only', 'defer',
  'in_bulk', 'latest', 'earliest', 'iterator', 'none', 'union', 'intersection', 'difference', 'using',
];

/** SQLAlchemy queries and sessions: the same, bound parameters in and rows out. */
const sqlalchemyMethods = ['query', 'filter', 'filter_by', 'get', 'first', 'one', 'one_or_none', 'all', 'scalar', 'scalars', 'order_by', 'limit', 'offset', 'join'];

export const databaseModel: FrameworkModel = {
  name: 'database',
  sinks: [
    ...['execute', 'executemany', 'executescript', 'mogrify', 'exec_driver_sql', 'execute_sql', 'raw_sql'].map((method) => ({
      method,
      kind: 'sql-injection',
      args: [0],
      keywords: sqlKeywords,
    })),
    // Manager.raw() and QuerySet.extra(): Django's ways to write SQL by hand.
    { method: 'raw', receiver: /(?:^|\.)(?:objects|_default_manager|manager|\w*_set)$/i, kind: 'sql-injection', args: [0], keywords: ['raw_query'] },
    { method: 'extra', receiver: /(?:^|\.)(?:objects|\w*queryset|qs|\w*_set)$|\)$/i, kind: 'sql-injection', args: [], keywords: ['where', 'select', 'tables', 'order_by'] },
    ...['django.db.models.expressions.RawSQL', 'django.db.models.RawSQL'].map((path) => ({ path, kind: 'sql-injection', args: [0], keywords: ['sql'] })),
    ...['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text'].map((path) => ({ path, kind: 'sql-injection', args: [0], keywords: ['text'] })),
    ...['pandas.read_sql', 'pandas.read_sql_query', 'pandas.io.sql.read_sql'].map((path) => ({ path, kind: 'sql-injection', args: [0], keywords: ['sql'] })),
  ],
  barriers: [
    ...ormMethods.map((method) => ({ method, receiver: /(?:^|\.)objects\b|_set\b|\bqueryset\b/i })),
    // `db.session.get(User, id)`, `session.query(User).filter(...)`, `User.query.get(id)`; not `request.query.get()`.
    ...sqlalchemyMethods.map((method) => ({ method, receiver: /(?:^|\.)session\b|(?:^|\.)query\(|^[A-Z]\w*\.query$/ })),
    { path: 'django.shortcuts.get_object_or_404' },
    { path: 'django.shortcuts.get_list_or_404' },
  ],
  sanitizers: [
    ...['psycopg2.extensions.quote_ident', 'psycopg2.sql.Identifier', 'psycopg2.sql.Literal', 'psycopg.sql.Identifier', 'psycopg.sql.Literal'].map((path) => ({ path, safeFor: ['sql-injection'] })),
    ...['MySQLdb.escape_string', 'pymysql.converters.escape_string', 'pymysql.escape_string', 'sqlalchemy.bindparam', 'sqlalchemy.literal'].map((path) => ({ path, safeFor: ['sql-injection'] })),
    { method: 'escape_string', safeFor: ['sql-injection'] },
    { method: 'quote_ident', safeFor: ['sql-injection'] },
  ],
};
