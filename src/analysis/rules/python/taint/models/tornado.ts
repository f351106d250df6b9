// Tornado: request handlers read arguments through self, and write HTML with self.write().
import type { FrameworkModel } from '../../../../flow/models';
import { lineBreakFree } from './http';

const handler = 'tornado.web.RequestHandler()';
const request = 'tornado.httputil.HTTPServerRequest()';

export const tornadoModel: FrameworkModel = {
  name: 'tornado',
  appliesTo: /\btornado\b/,
  mentions: /\bget_(?:query_|body_)?arguments?\b|\bget_(?:secure_)?cookie\b|\bself\.request\b|\bpath_(?:args|kwargs)\b|\bdef\s+(?:get|post|put|patch|delete)\b/,
  helperMentions: /\bget_(?:query_|body_)?arguments?\b/,
  handlerClasses: [
    { base: 'tornado.web.RequestHandler', self: handler, captureMethods: ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] },
    { base: 'tornado.websocket.WebSocketHandler', self: handler, captureMethods: ['get', 'open', 'on_message'] },
  ],
  aliases: [{ path: `${handler}.request`, ref: request }],
  sources: [
    ...['get_argument', 'get_arguments', 'get_query_argument', 'get_query_arguments', 'get_body_argument', 'get_body_arguments', 'get_cookie', 'decode_argument'].map((name) => ({
      path: `${handler}.${name}`,
      call: true,
      label: `self.${name}()`,
    })),
    { path: `${handler}.path_args`, label: 'self.path_args' },
    { path: `${handler}.path_kwargs`, label: 'self.path_kwargs' },
    ...['arguments', 'query_arguments', 'body_arguments', 'body', 'files', 'cookies'].map((name) => ({ path: `${request}.${name}`, label: `self.request.${name}` })),
    // Undecoded: the request line and header values as they came, without line breaks.
    ...['headers', 'uri', 'path', 'query', 'host'].map((name) => ({ path: `${request}.${name}`, label: `self.request.${name}`, safeFor: lineBreakFree })),
  ],
  sinks: [
    // A dict is sent as JSON.
    ...['write', 'finish'].map((name) => ({ path: `${handler}.${name}`, kind: 'xss', args: [0], keywords: ['chunk'], unless: [{ keyword: 'chunk', position: 0, shapes: ['dict' as const] }] })),
    { path: `${handler}.redirect`, kind: 'open-redirect', args: [0], keywords: ['url'], prefixSensitive: 'redirect' },
    // No header-injection sinks: set_header() and add_header() refuse control characters.
  ],
  propagators: [
    { path: 'tornado.escape.url_unescape', decodes: true },
    { path: 'tornado.escape.json_decode', decodes: true },
  ],
  sanitizers: [
    { path: 'tornado.escape.xhtml_escape', safeFor: ['xss'] },
    // Tornado templates escape by default.
    { path: `${handler}.render_string`, safeFor: ['xss'] },
    { path: 'tornado.escape.url_escape', safeFor: ['xss', 'sql-injection', 'command-injection', 'header-injection', 'log-injection'] },
  ],
};
