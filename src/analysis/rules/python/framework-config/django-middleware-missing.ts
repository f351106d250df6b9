import type { Rule } from '../../rule';
import { settingsQuery } from '../settingsModules';
import { middlewareList } from './middleware';

/** Middleware whose absence leaves a protection off, with what each one does. */
const protections: [className: string, provides: string][] = [
  ['SecurityMiddleware', 'HSTS, nosniff and the HTTPS redirect'],
  ['XFrameOptionsMiddleware', 'the X-Frame-Options header against clickjacking'],
];

export const djangoMiddlewareMissing: Rule = {
  meta: {
    id: 'django-middleware-missing',
    title: 'Django security middleware missing from MIDDLEWARE',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 693,
    aliases: [],
    why: 'Django adds its security headers through middleware: without SecurityMiddleware no HSTS, X-Content-Type-Options or HTTPS redirect is sent, whatever SECURE_* says; without XFrameOptionsMiddleware other sites can frame the pages and trick users into clicking (clickjacking).',
    doInstead: 'Keep "django.middleware.security.SecurityMiddleware" first in MIDDLEWARE and "django.middleware.clickjacking.XFrameOptionsMiddleware" in it, as `django-admin startproject` writes them.',
    languages: ['python'],
  },

  mentions: /MIDDLEWARE/,
  query: settingsQuery,

  check(match, context) {
    const list = middlewareList(match, context);
    if (!list) return;
    const missing = protections.filter(([className]) => !list.named(className));
    if (missing.length === 0) return;
    const described = missing.map(([className, provides]) => `${className} (${provides})${list.commentedOut(className) ? ', commented out' : ''}`);
    context.report({ node: list.site, message: `\`${list.name}\` lacks ${described.join(' and ')}.` });
  },
};
