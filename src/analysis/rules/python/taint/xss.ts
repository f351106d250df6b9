import { taintRule } from './taintRule';

export const xss = taintRule(
  {
    id: 'xss',
    title: 'Cross-site scripting: untrusted data in an HTML response',
    severity: 'error',
    confidence: 'high',
    cwe: 79,
    why: 'Text from the request is sent back as HTML without escaping, so a `<script>` in it runs in the browser of whoever opens the page, with their session.',
    doInstead: 'Render with an autoescaping template (render_template, Django templates), escape with markupsafe.escape() or html.escape(), or return JSON; never mark request data safe with Markup() or mark_safe().',
  },
  ['mark-safe'],
  { throughUnknownCalls: false },
);
