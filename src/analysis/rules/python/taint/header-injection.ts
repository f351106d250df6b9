import { taintRule } from './taintRule';

export const headerInjection = taintRule(
  {
    id: 'header-injection',
    title: 'HTTP header injection: untrusted data in a response header',
    severity: 'warning',
    confidence: 'medium',
    cwe: 113,
    why: 'A response header value comes from the request. With a line break in it an attacker adds headers of their own (cookies, redirects) or splits the response where the server lets it through (http.server does; current Werkzeug and Django raise instead); without one, the value still decides that header: a download\'s file name, a cookie\'s attributes, an allowed origin.',
    doInstead: 'Set headers from fixed values or values checked against an allow-list; strip `\\r` and `\\n`, and prefer the framework\'s own helpers (redirect(), set_cookie()) that encode their arguments.',
  },
  [],
  { throughUnknownCalls: false },
);
