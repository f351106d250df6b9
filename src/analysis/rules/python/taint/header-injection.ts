import { taintRule } from './taintRule';

export const headerInjection = taintRule(
  {
    id: 'header-injection',
    title: 'HTTP header injection: untrusted data in a response header',
    severity: 'warning',
    confidence: 'medium',
    cwe: 113,
    why: 'A response header value comes from the request; with a line break in it an attacker adds headers of their own (cookies, redirects) or splits the response, where the server does not reject it.',
    doInstead: 'Set headers from fixed values or values checked against an allow-list; strip `\\r` and `\\n`, and prefer the framework\'s own helpers (redirect(), set_cookie()) that encode their arguments.',
  },
  [],
  { throughUnknownCalls: false },
);
