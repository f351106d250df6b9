// LDAP searches with python-ldap and ldap3: the filter and the base DN.
import type { FrameworkModel } from '../../../../flow/models';

export const ldapModel: FrameworkModel = {
  name: 'ldap',
  appliesTo: /\bldap3?\b/,
  sinks: [
    ...['search', 'search_s', 'search_st', 'search_ext', 'search_ext_s'].map((method) => ({
      path: `ldap.initialize().${method}`,
      kind: 'ldap-injection',
      args: [0, 2],
      keywords: ['base', 'filterstr'],
    })),
    ...['search_s', 'search_st', 'search_ext_s'].map((method) => ({ method, kind: 'ldap-injection', args: [0, 2], keywords: ['base', 'filterstr'] })),
    { path: 'ldap3.Connection().search', kind: 'ldap-injection', args: [0, 1], keywords: ['search_base', 'search_filter'] },
    { method: 'search', receiver: /(?:^|\.)(?:conn|connection|ldap_conn|ldap|ldap_connection|c)$/i, kind: 'ldap-injection', args: [0, 1], keywords: ['search_base', 'search_filter'] },
  ],
  sanitizers: [
    ...['ldap3.utils.conv.escape_filter_chars', 'ldap.filter.escape_filter_chars', 'ldap.dn.escape_dn_chars', 'ldap3.utils.dn.escape_rdn', 'ldap.filter.filter_format'].map((path) => ({
      path,
      safeFor: ['ldap-injection'],
    })),
  ],
};
