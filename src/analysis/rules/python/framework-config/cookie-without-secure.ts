import { requiredCookieFlagRule } from './cookies';

export const cookieWithoutSecure = requiredCookieFlagRule(
  {
    id: 'cookie-without-secure',
    title: 'Cookie sent without the Secure flag',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 614,
    aliases: [],
    why: 'A cookie without the Secure flag is also sent over plain HTTP, so anyone on the network path (public Wi-Fi, a proxy) can read a session or login cookie from a single unencrypted request and use it.',
    doInstead: 'Pass `secure=True` to set_cookie() and set `SESSION_COOKIE_SECURE = True` and `CSRF_COOKIE_SECURE = True` (Flask: `SESSION_COOKIE_SECURE`) on sites served over HTTPS; leave them off only in development settings.',
    languages: ['python'],
  },
  { flag: 'secure', risk: 'travels over plain HTTP too, readable on the network' },
);
