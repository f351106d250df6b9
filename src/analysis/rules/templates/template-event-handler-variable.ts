import type { ScannerRule } from '../rule';
import type { TemplateDocument } from '../../templates/document';
import { isEventHandlerAttribute, reportUnencodedScriptValues } from './support';

export const templateEventHandlerVariable: ScannerRule<TemplateDocument> = {
  meta: {
    id: 'template-event-handler-variable',
    title: 'Template value inside an inline event handler',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 83,
    aliases: [],
    why: 'The browser decodes HTML entities in an attribute before it runs the handler, so autoescaping does not protect JavaScript in `onclick="..."`: `&#39;);alert(1)//` closes the string and runs.',
    doInstead: 'Put the value in a `data-` attribute and read it from a script (`element.dataset`), or encode it for JavaScript with `|tojson` (Jinja2, in a single-quoted attribute) or `|escapejs` (Django).',
    languages: ['template'],
  },

  check(document, context) {
    reportUnencodedScriptValues(
      document,
      context,
      ({ context: where }) => (where.kind === 'attribute' && isEventHandlerAttribute(where.name) ? `the JavaScript of \`${where.name}\`, where HTML escaping does not protect it` : undefined),
      'pass it through a data- attribute or |tojson',
    );
  },
};
