import type { Rule } from '../../rule';
import { argumentAt, callQuery, resolveCall } from '../calls';
import { quoted, riskOf } from '../textRisk';

/** Ways to declare text safe HTML, by the modules Django exports them from. */
const markers = new Set([
  'django.utils.safestring.mark_safe',
  'django.utils.safestring.SafeString',
  'django.utils.safestring.SafeText',
  'django.utils.html.mark_safe',
]);

/** Functions whose output is already escaped: wrapping them in mark_safe() adds nothing unsafe. */
const escapers = new Set([
  'django.utils.html.format_html',
  'django.utils.html.format_html_join',
  'django.utils.html.escape',
  'django.utils.html.conditional_escape',
  'django.utils.html.json_script',
  'django.template.loader.render_to_string',
]);

export const markSafe: Rule = {
  meta: {
    id: 'mark-safe',
    title: 'mark_safe() on text built at run time',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 79,
    aliases: ['B308', 'B703', 'S308'],
    why: 'mark_safe() switches off Django\'s autoescaping for that text. Any user value inside it reaches the page as live HTML and script.',
    doInstead: 'Build HTML with format_html("<b>{}</b>", value), which escapes each value, or escape values with conditional_escape() before joining them.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const { call, name } = resolveCall(match, context)!;
    if (!name || !markers.has(name)) return;
    const markup = argumentAt(call, 0, 's');
    if (!markup) return;
    if (markup.type === 'call' && escapers.has(context.qualifiedName(markup.childForFieldName('function')) ?? '')) return;
    const risk = riskOf(markup);
    if (risk.severity === 'info') return; // constant markup is written by the author
    context.report({
      node: call,
      severity: risk.severity,
      confidence: risk.confidence,
      message: `${name.split('.').pop()}() marks ${risk.source}${quoted(markup)} as safe HTML; escape user values with format_html() instead.`,
    });
  },
};
