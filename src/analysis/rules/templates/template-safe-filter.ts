import type { ScannerRule } from '../rule';
import { isConstantValue, parseOutputExpression } from '../../templates/expressions';
import type { TemplateDocument } from '../../templates/document';
import { outputRange, rangeIn, shown, unescapingFilter, unescapingFilters } from './support';

/** Tags whose arguments hold an expression whose value is output later: `{% set html = x|safe %}`. */
const assigningTags = new Set(['set', 'with']);

export const templateSafeFilter: ScannerRule<TemplateDocument> = {
  meta: {
    id: 'template-safe-filter',
    title: 'Template value marked safe (|safe)',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 79,
    aliases: [],
    why: 'The `safe` and `safeseq` filters tell Jinja2 and Django that a value is trusted markup, so autoescaping leaves it alone. A user value marked safe reaches the page as live HTML and script.',
    doInstead: 'Output the value without `|safe` and let autoescaping escape it; where the markup is built in Python, build it with markupsafe.Markup.format() or Django\'s format_html(), which escape each value.',
    languages: ['template'],
  },

  check(document, context) {
    if (document.markup === 'text') return;
    for (const output of document.outputs) {
      const filter = unescapingFilter(output.expression);
      // A literal the author wrote (`{{ "&nbsp;"|safe }}`) is theirs to mark safe.
      if (!filter || isConstantValue(output.expression.value)) continue;
      context.report({
        range: outputRange(document, output),
        message: `\`|${filter.name}\` outputs \`${shown(output.expression.value)}\` without escaping; if any of it comes from a user, it is script on the page.`,
      });
    }
    for (const tag of document.tags) {
      if (tag.name === 'filter') {
        // `{% filter safe %}...{% endfilter %}`: the block's output is marked safe.
        const chain = parseOutputExpression(`x|${tag.args}`, tag.argsStart - 2);
        const filter = chain.filters.find((candidate) => unescapingFilters.has(candidate.name));
        if (filter) context.report({ range: rangeIn(document, tag.start, tag.end), message: `\`{% filter ${filter.name} %}\` outputs its whole block without escaping.` });
      } else if (assigningTags.has(tag.name)) {
        const expression = parseOutputExpression(tag.args, tag.argsStart);
        const filter = unescapingFilter(expression);
        const value = expression.value.replace(/^[^=]*=(?!=)/, '').trim();
        if (!filter || isConstantValue(value)) continue;
        context.report({
          range: rangeIn(document, tag.start, tag.end),
          message: `\`|${filter.name}\` marks \`${shown(value)}\` as safe markup in \`{% ${tag.name} %}\`; wherever it is output, it is not escaped.`,
        });
      }
    }
  },
};
