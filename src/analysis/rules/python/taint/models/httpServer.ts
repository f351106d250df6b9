// The standard library's http.server: handlers read self.path, self.headers and self.rfile, and
// send headers with send_header(), which writes a value as it is, line breaks included.
import type { FrameworkModel } from '../../../../flow/models';
import { lineBreakFree } from './http';

const handler = 'http.server.BaseHTTPRequestHandler()';

export const httpServerModel: FrameworkModel = {
  name: 'http.server',
  appliesTo: /\bhttp\.server\b|\bBaseHTTPServer\b/,
  mentions: /\bself\.(?:path|headers|rfile|requestline)\b/,
  handlerClasses: ['http.server.BaseHTTPRequestHandler', 'http.server.SimpleHTTPRequestHandler', 'BaseHTTPServer.BaseHTTPRequestHandler'].map((base) => ({ base, self: handler })),
  sources: [
    // The request target as it came: no line break, until unquote() decodes one.
    { path: `${handler}.path`, label: 'self.path', safeFor: lineBreakFree },
    { path: `${handler}.requestline`, label: 'self.requestline', safeFor: lineBreakFree },
    { path: `${handler}.headers`, label: 'self.headers', safeFor: lineBreakFree },
    { path: `${handler}.rfile`, label: 'self.rfile' },
  ],
  sinks: [{ path: `${handler}.send_header`, kind: 'header-injection', args: [1], keywords: ['value'] }],
};
