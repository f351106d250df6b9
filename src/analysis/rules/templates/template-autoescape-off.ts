import type { ScannerRule } from '../rule';
import { hasMarkupTags, type TemplateDocument } from '../../templates/document';
import { rangeIn } from './support';

/** Django's `off` and Jinja2's `false` (any case); a value the template computes is not judged. */
const turnedOff = /^(?:off|false)$/i;

export const templateAutoescapeOff: ScannerRule<TemplateDocument> = {
  meta: {
    id: 'template-autoescape-off',
    title: 'Autoescaping turned off in a template block',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 79,
    aliases: [],
    why: 'Inside `{% autoescape off %}` (Django) or `{% autoescape false %}` (Jinja2) every `{{ value }}` is output as it is. A user value there reaches the page as live HTML and script.',
    doInstead: 'Keep autoescaping on and mark only markup you built safely (with format_html() or Markup.format()) as safe; for plain-text output such as e-mail bodies, use a .txt template.',
    languages: ['template'],
  },

  check(document, context) {
    // Text templates (mail bodies, configuration files) are not HTML: escaping would garble them.
    // So is an .html template without a single tag: Django's own password_reset_email.html is a mail body.
    if (document.markup === 'text' || !hasMarkupTags(document.text)) return;
    for (const tag of document.tags) {
      if (tag.name !== 'autoescape' || !turnedOff.test(tag.args)) continue;
      context.report({
        range: rangeIn(document, tag.start, tag.end),
        message: `\`{% autoescape ${tag.args} %}\` outputs every value of the block without escaping; escape user values or keep autoescaping on.`,
      });
    }
  },
};
