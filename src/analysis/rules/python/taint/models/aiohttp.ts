// aiohttp's web server: handlers take the request (by convention named `request`), class-based
// views reach it as self.request; match_info holds the URL captures.
import type { FrameworkModel } from '../../../../flow/models';
import { lineBreakFree, ownUrl } from './http';

const request = 'aiohttp.web.Request()';

export const aiohttpModel: FrameworkModel = {
  name: 'aiohttp',
  appliesTo: /\baiohttp\b/,
  mentions: /\brequest\b|\bmatch_info\b/,
  helperMentions: /\bmatch_info\b|\brequest\.(?:query|post|json|text|read)\b/,
  parameters: [
    { name: 'request', ref: request },
    { annotation: 'aiohttp.web.Request', ref: request },
    { annotation: 'aiohttp.web_request.Request', ref: request },
    { annotation: 'aiohttp.web.BaseRequest', ref: request },
  ],
  handlerClasses: [{ base: 'aiohttp.web.View', self: 'aiohttp.web.View()' }],
  aliases: [{ path: 'aiohttp.web.View().request', ref: request }],
  sources: [
    ...['match_info', 'query', 'rel_url', 'cookies', 'content', 'path', 'path_qs', 'query_string'].map((name) => ({ path: `${request}.${name}`, label: `request.${name}` })),
    ...['headers', 'raw_path', 'forwarded', 'host'].map((name) => ({ path: `${request}.${name}`, label: `request.${name}`, safeFor: lineBreakFree })),
    { path: `${request}.url`, label: 'request.url', safeFor: ownUrl },
    ...['post', 'json', 'text', 'read', 'multipart'].map((name) => ({ path: `${request}.${name}`, call: true, label: `request.${name}()` })),
  ],
  sinks: [
    { path: 'aiohttp.web.Response', kind: 'xss', args: [], keywords: ['text', 'body'], requires: { keyword: 'content_type', startsWith: ['text/html'] } },
    ...['HTTPFound', 'HTTPMovedPermanently', 'HTTPSeeOther', 'HTTPTemporaryRedirect', 'HTTPPermanentRedirect'].map((name) => ({
      path: `aiohttp.web.${name}`,
      kind: 'open-redirect',
      args: [0],
      keywords: ['location'],
      prefixSensitive: 'redirect' as const,
    })),
    { path: 'aiohttp.web.FileResponse', kind: 'path-traversal', args: [0], keywords: ['path'] },
    { path: 'aiohttp_session.get_session()', kind: 'trust-boundary-violation', store: true, label: 'session' },
    { path: 'aiohttp_session.get_session()', kind: 'weak-random-token', store: true, label: 'session' },
  ],
};
