import { requiredCookieFlagRule } from './cookies';

export const cookieWithoutHttponly = requiredCookieFlagRule(
  {
    id: 'cookie-without-httponly',
    title: 'Cookie readable by JavaScript (no HttpOnly flag)',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 1004,
    aliases: [],
    why: 'Without HttpOnly, page scripts can read the cookie through document.cookie, so one cross-site scripting bug is enough to send a session or login cookie to an attacker.',
    doInstead: 'Pass `httponly=True` to set_cookie() for every cookie scripts do not need, and leave `SESSION_COOKIE_HTTPONLY` at its default (True).',
    languages: ['python'],
  },
  // A CSRF token cookie is read by the page's own scripts on purpose.
  { flag: 'httponly', risk: 'can be read by any script on the page', exempt: /csrf|xsrf/i },
);
