import { taintRule } from './taintRule';

export const templateInjection = taintRule(
  {
    id: 'template-injection',
    title: 'Template injection: untrusted data as template source',
    severity: 'error',
    confidence: 'high',
    cwe: 1336,
    why: 'Text from the request is compiled as a Jinja2, Django or Mako template; template syntax in it (`{{ ... }}`) runs with the template engine\'s access, which in Jinja2 reaches Python objects and, from there, code execution.',
    doInstead: 'Keep templates in files or constants and pass request data only as context variables: render_template_string(TEMPLATE, name=value), never render_template_string(value).',
  },
  [],
);
