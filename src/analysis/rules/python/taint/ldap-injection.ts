import { taintRule } from './taintRule';

export const ldapInjection = taintRule(
  {
    id: 'ldap-injection',
    title: 'LDAP injection: untrusted data in a search filter or DN',
    severity: 'error',
    confidence: 'high',
    cwe: 90,
    why: 'Text from the request is pasted into an LDAP filter or DN, so `*`, `)` or `(|` in it widens the search: logging in without a password, listing every account.',
    doInstead: 'Escape values with ldap3.utils.conv.escape_filter_chars() or ldap.filter.escape_filter_chars() (ldap.dn.escape_dn_chars() for DNs), or build filters with ldap.filter.filter_format().',
  },
  [],
);
