// Template engines (templates built from strings) and HTML marked safe by hand; the sanitisers
// that make text safe for HTML.
import type { FrameworkModel } from '../../../../flow/models';

export const templatesModel: FrameworkModel = {
  name: 'templates',
  sinks: [
    ...['jinja2.Template', 'jinja2.environment.Template', 'mako.template.Template', 'django.template.Template', 'tornado.template.Template', 'genshi.template.MarkupTemplate'].map((path) => ({
      path,
      kind: 'template-injection',
      args: [0],
      keywords: ['source', 'text', 'template_string'],
    })),
    ...['jinja2.Environment().from_string', 'jinja2.environment.Environment().from_string', 'django.template.Engine().from_string', 'django.template.engines.**.from_string'].map((path) => ({
      path,
      kind: 'template-injection',
      args: [0],
      keywords: ['source', 'template_code'],
    })),
    ...['django.utils.safestring.mark_safe', 'django.utils.safestring.SafeString', 'django.utils.html.format_html'].map((path) => ({ path, kind: 'xss', args: [0] })),
  ],
  sanitizers: [
    ...['django.utils.html.escape', 'django.utils.html.conditional_escape', 'django.utils.html.escapejs', 'bleach.clean', 'bleach.linkify', 'nh3.clean', 'html_sanitizer.Sanitizer().sanitize'].map((path) => ({
      path,
      safeFor: ['xss'],
    })),
    // Django templates escape what they are given (Jinja2's Environment does not, unless told to).
    ...['django.shortcuts.render', 'django.template.loader.render_to_string', 'django.template.loader.get_template().render', 'django.template.loader.select_template().render'].map((path) => ({
      path,
      safeFor: ['xss'],
    })),
  ],
};
