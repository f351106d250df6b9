import type { ScannerRule } from '../rule';
import type { TemplateDocument } from '../../templates/document';
import { reportUnencodedScriptValues } from './support';

export const templateVariableInScript: ScannerRule<TemplateDocument> = {
  meta: {
    id: 'template-variable-in-script',
    title: 'Template value in a <script> without JSON encoding',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 79,
    aliases: [],
    why: 'HTML escaping is the wrong escaping inside `<script>`: it leaves backslashes, line breaks and bare expressions alone, so `var n = {{ n }};` or two strings in a row let a user value run as code.',
    doInstead: 'Encode the value for JavaScript: `{{ value|tojson }}` in Jinja2, `{{ value|escapejs }}` inside a quoted string or `{{ value|json_script:"id" }}` outside the script in Django.',
    languages: ['template'],
  },

  check(document, context) {
    // Data blocks (`application/json`) and client-side templates (`text/x-template`) are not run.
    reportUnencodedScriptValues(
      document,
      context,
      ({ context: where }) => (where.kind === 'script' && where.script === 'javascript' ? 'a <script> with HTML escaping only' : undefined),
      'encode it with |tojson (Jinja2) or |escapejs (Django)',
    );
  },
};
