// Facts about HTTP that several framework models state.

/** A raw request line or header value holds no line break: it cannot forge a log line or a header. */
export const lineBreakFree = ['log-injection', 'header-injection'];

/** The path a route of this site matched: a redirect to it, or a fetch of it, stays on this site. */
export const ownPath = ['open-redirect', 'ssrf'];

/** The URL of the request being served, percent-encoded: it points at this site. */
export const ownUrl = [...lineBreakFree, ...ownPath];

/** Content types a browser does not render as HTML (a prefix is enough: `text/plain; charset=utf-8`). */
export const nonHtmlTypes = [
  'text/plain', 'text/csv', 'text/javascript', 'application/json', 'application/javascript', 'application/x-javascript',
  'application/ld+json', 'application/problem+json', 'application/octet-stream', 'application/pdf', 'application/zip',
  // Not `image/` as a whole: an SVG image runs its scripts.
  'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/x-icon',
];
