import type { ScannerRule } from '../rule';
import type { TemplateDocument } from '../../templates/document';
import { reportUnencodedScriptValues } from './support';

/** Attributes the browser follows or loads as a URL. */
const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcdoc']);

/** `javascript:` as the browser reads it: case, leading blanks and tabs or newlines inside do not matter. */
function startsWithJavascriptScheme(value: string): boolean {
  return /^javascript:/i.test(value.replace(/^[\s\u0000-\u001f]+/, '').replace(/[\t\n\r]/g, ''));
}

export const templateJavascriptUrl: ScannerRule<TemplateDocument> = {
  meta: {
    id: 'template-javascript-url',
    title: 'Template value inside a javascript: URL',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 83,
    aliases: [],
    why: 'A `javascript:` URL runs its text as script, after the browser has decoded the attribute\'s HTML entities, so an autoescaped value can still close a string and run code.',
    doInstead: 'Attach a click handler from a script and pass the value in a `data-` attribute, or encode it for JavaScript with `|tojson` (Jinja2) or `|escapejs` (Django).',
    languages: ['template'],
  },

  check(document, context) {
    reportUnencodedScriptValues(
      document,
      context,
      ({ context: where }) =>
        where.kind === 'attribute' && urlAttributes.has(where.name) && startsWithJavascriptScheme(where.valueBefore) ? `the \`javascript:\` URL of \`${where.name}\`, which runs as script` : undefined,
      'use a click handler and a data- attribute',
    );
  },
};
