// Flask and Werkzeug: the request object, route parameters, views whose returned text is the HTML
// response, and Flask's own sinks (templates from strings, redirects, files, the session).
import type { FrameworkModel } from '../../../../flow/models';
import { lineBreakFree, nonHtmlTypes, ownPath, ownUrl } from './http';

const requestAttributes = [
  'args', 'form', 'values', 'cookies', 'json', 'data', 'files', 'query_string', 'view_args', 'environ',
  'stream', 'input_stream', 'authorization', 'mimetype_params', 'pragma', 'if_match',
];
/** Header values as the server parsed them. */
const headerAttributes = ['headers', 'host', 'referrer', 'user_agent', 'remote_user', 'access_route'];
/** The path a route matched (decoded: it may hold a line break), on this site. */
const pathAttributes = ['path', 'full_path', 'script_root'];
/** This request's own URL, percent-encoded by Werkzeug. */
const ownUrlAttributes = ['url', 'base_url', 'url_root', 'host_url'];

export const flaskModel: FrameworkModel = {
  name: 'flask',
  appliesTo: /\b(?:flask|werkzeug)\b/,
  mentions: /\brequest\b|\.route\s*\(|@\w+(?:\.\w+)*\.(?:get|post|put|delete|patch)\s*\(/,
  helperMentions: /\brequest\.(?:args|form|values|cookies|headers|json|data|files|get_json|get_data|view_args)\b/,
  sources: [
    ...requestAttributes.map((name) => ({ path: `flask.request.${name}`, label: `request.${name}` })),
    ...headerAttributes.map((name) => ({ path: `flask.request.${name}`, label: `request.${name}`, safeFor: lineBreakFree })),
    ...pathAttributes.map((name) => ({ path: `flask.request.${name}`, label: `request.${name}`, safeFor: ownPath })),
    ...ownUrlAttributes.map((name) => ({ path: `flask.request.${name}`, label: `request.${name}`, safeFor: ownUrl })),
    { path: 'flask.request.get_json', call: true, label: 'request.get_json()' },
    { path: 'flask.request.get_data', call: true, label: 'request.get_data()' },
  ],
  routes: [
    ...['route', 'get', 'post', 'put', 'delete', 'patch'].map((method) => ({
      decoratorMethod: method,
      pattern: 'flask' as const,
      parameters: 'captures' as const,
      returnsHtml: true,
      label: 'route parameter',
    })),
  ],
  // Class-based views: the methods get the URL captures; the text they return is the HTML response.
  handlerClasses: [
    { base: 'flask.views.MethodView', self: 'flask.views.View()', captureMethods: ['get', 'post', 'put', 'patch', 'delete'], label: 'route parameter', returnsHtml: true },
    { base: 'flask.views.View', self: 'flask.views.View()', captureMethods: ['dispatch_request'], label: 'route parameter', returnsHtml: true },
  ],
  sinks: [
    { path: 'flask.render_template_string', kind: 'template-injection', args: [0], keywords: ['source'] },
    { path: 'flask.redirect', kind: 'open-redirect', args: [0], keywords: ['location'], prefixSensitive: 'redirect' },
    { path: 'werkzeug.utils.redirect', kind: 'open-redirect', args: [0], keywords: ['location'], prefixSensitive: 'redirect' },
    { path: 'flask.make_response', kind: 'xss', args: [0] },
    ...['flask.Response', 'werkzeug.wrappers.Response', 'flask.wrappers.Response'].map((path) => ({
      path,
      kind: 'xss',
      args: [0],
      keywords: ['response'],
      unless: [
        { keyword: 'mimetype', position: 2, constants: nonHtmlTypes },
        { keyword: 'content_type', position: 3, constants: nonHtmlTypes },
      ],
    })),
    ...['flask.Markup', 'markupsafe.Markup', 'jinja2.Markup'].map((path) => ({ path, kind: 'xss', args: [0] })),
    { path: 'flask.send_file', kind: 'path-traversal', args: [0], keywords: ['path_or_file', 'filename_or_fp'] },
    // send_from_directory checks the file name itself; only the folder must be fixed.
    { path: 'flask.send_from_directory', kind: 'path-traversal', args: [0], keywords: ['directory'] },
    { path: 'flask.session', kind: 'trust-boundary-violation', store: true, label: 'session' },
    { path: 'flask.session', kind: 'weak-random-token', store: true, label: 'session' },
    // Werkzeug refuses a value with a line break, but the value still decides the header.
    ...['flask.make_response().headers', 'flask.Response().headers', 'flask.jsonify().headers'].map((path) => ({ path, kind: 'header-injection', store: true })),
    { method: '__setitem__', receiver: /\.headers$/, kind: 'header-injection', store: true },
    ...['add', 'set', 'setdefault', 'add_header'].map((method) => ({ method, receiver: /\.headers$/, kind: 'header-injection', args: [1], keywords: ['_value', 'value'] })),
  ],
  sanitizers: [
    ...['flask.escape', 'markupsafe.escape', 'jinja2.escape', 'markupsafe.Markup.escape', 'werkzeug.utils.escape', 'flask.Markup.escape'].map((path) => ({ path, safeFor: ['xss'] })),
    { path: 'werkzeug.utils.secure_filename', safeFor: ['path-traversal', 'command-injection', 'header-injection'] },
    { path: 'werkzeug.secure_filename', safeFor: ['path-traversal', 'command-injection', 'header-injection'] },
    { path: 'werkzeug.security.safe_join', safeFor: ['path-traversal'] },
    { path: 'werkzeug.utils.safe_join', safeFor: ['path-traversal'] },
    { path: 'flask.safe_join', safeFor: ['path-traversal'] },
    { path: 'flask.url_for', safeFor: ['open-redirect', 'ssrf'] },
    { path: 'flask.jsonify', safeFor: ['xss'] },
    // Templates from files escape what they are given.
    { path: 'flask.render_template', safeFor: ['xss'] },
  ],
  exits: ['flask.abort', 'werkzeug.exceptions.abort'],
};
