import { taintRule } from './taintRule';

export const openRedirect = taintRule(
  {
    id: 'open-redirect',
    title: 'Open redirect: untrusted URL in a redirect',
    severity: 'warning',
    confidence: 'high',
    cwe: 601,
    why: 'The target of a redirect comes from the request, so a link to this site can send its visitors anywhere: a phishing page that looks like the next step of a login.',
    doInstead: 'Redirect to url_for(...) of a known endpoint, or accept only relative paths on this site (Django: url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})).',
  },
  [],
  { throughUnknownCalls: false },
);
