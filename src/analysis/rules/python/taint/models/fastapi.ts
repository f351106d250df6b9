// FastAPI and Starlette: every parameter of a route is request data (path, query or body) unless
// its type makes it a number or it is injected with Depends(); the Request object; responses.
import type { FrameworkModel } from '../../../../flow/models';
import { lineBreakFree } from './http';

const request = 'starlette.requests.Request()';

export const fastapiModel: FrameworkModel = {
  name: 'fastapi',
  appliesTo: /\b(?:fastapi|starlette)\b/,
  mentions: /\brequest\b|@\w+(?:\.\w+)*\.(?:get|post|put|delete|patch|api_route|websocket|route)\s*\(/,
  helperMentions: /\brequest\.(?:query_params|path_params|json|form|body)\b/,
  routes: ['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'api_route', 'websocket', 'route'].map((method) => ({
    decoratorMethod: method,
    parameters: 'all' as const,
    safeAnnotations: ['int', 'float', 'bool', 'uuid.UUID', 'UUID', 'datetime.datetime', 'datetime.date', 'datetime', 'date', 'decimal.Decimal', 'Decimal', 'fastapi.BackgroundTasks', 'BackgroundTasks'],
    injectedDefaults: ['fastapi.Depends', 'fastapi.Security', 'fastapi.params.Depends', 'fastapi.params.Security'],
    label: 'request parameter',
  })),
  parameters: [
    { annotation: 'fastapi.Request', ref: request },
    { annotation: 'starlette.requests.Request', ref: request },
    { annotation: 'fastapi.WebSocket', ref: 'starlette.websockets.WebSocket()' },
    { annotation: 'starlette.websockets.WebSocket', ref: 'starlette.websockets.WebSocket()' },
  ],
  sources: [
    // request.url holds the decoded path: only header values come without line breaks.
    ...['query_params', 'path_params', 'cookies', 'url', 'base_url'].map((name) => ({ path: `${request}.${name}`, label: `request.${name}` })),
    ...['headers', 'client'].map((name) => ({ path: `${request}.${name}`, label: `request.${name}`, safeFor: lineBreakFree })),
    ...['body', 'json', 'form', 'stream'].map((name) => ({ path: `${request}.${name}`, call: true, label: `request.${name}()` })),
    ...['receive_text', 'receive_json', 'receive_bytes', 'iter_text', 'iter_json'].map((name) => ({ path: `starlette.websockets.WebSocket().${name}`, call: true, label: `websocket.${name}()` })),
  ],
  sinks: [
    ...['fastapi.responses.HTMLResponse', 'starlette.responses.HTMLResponse'].map((path) => ({ path, kind: 'xss', args: [0], keywords: ['content'] })),
    ...['fastapi.responses.RedirectResponse', 'starlette.responses.RedirectResponse'].map((path) => ({
      path,
      kind: 'open-redirect',
      args: [0],
      keywords: ['url'],
      prefixSensitive: 'redirect' as const,
    })),
    ...['fastapi.responses.FileResponse', 'starlette.responses.FileResponse'].map((path) => ({ path, kind: 'path-traversal', args: [0], keywords: ['path'] })),
    ...[`${request}.session`].flatMap((path) => [
      { path, kind: 'trust-boundary-violation', store: true, label: 'request.session' },
      { path, kind: 'weak-random-token', store: true, label: 'request.session' },
    ]),
  ],
};
