import type { Node } from 'web-tree-sitter';
import type { Rule, RuleContext } from '../../rule';
import { callQuery, keywordValue, resolveCall } from '../calls';
import { stringValue } from '../strings';

/** Mako's template classes; `default_filters` applies to every `${...}` they render. */
const makoTemplates = new Set(['mako.template.Template', 'mako.lookup.TemplateLookup']);
/** Filters that escape for HTML or XML: `h` (markupsafe), `x`, or an escape function by name. */
const escapingFilter = /^(?:h|x|html_escape|xml_escape)$|escape/;
const webFrameworks = ['pyramid', 'flask', 'django', 'aiohttp', 'tornado', 'bottle', 'cherrypy', 'falcon', 'starlette', 'fastapi', 'webob'];

/** `default_filters`: absent, a literal list with or without an escaping filter, or computed (unknown). */
function filtersEscape(filters: Node | undefined): boolean | undefined {
  if (!filters) return false;
  if (filters.type !== 'list' && filters.type !== 'tuple') return undefined;
  return filters.namedChildren.some((item) => escapingFilter.test((item && stringValue(item)) ?? ''));
}

/** Template text in which every `${...}` escapes itself (`${name | h}`): nothing is left raw. */
function escapesEachExpression(call: Node): boolean {
  const text = stringValue(call.childForFieldName('arguments')?.firstNamedChild) ?? '';
  const expressions = text.match(/\$\{[^}]*\}/g) ?? [];
  return expressions.length > 0 && expressions.every((expression) => /\|\s*(?:[hxu]|n\s*,\s*[hx])\b|escape/.test(expression));
}

/** Does the template render HTML for the web: HTML in the text, or a web framework in the file? */
function rendersWebPages(call: Node, context: RuleContext): boolean {
  const text = stringValue(call.childForFieldName('arguments')?.firstNamedChild) ?? '';
  return /<\/?[a-z][\w-]*[\s>]/i.test(text) || webFrameworks.some((framework) => context.importsModule(framework));
}

export const makoTemplatesUnescaped: Rule = {
  meta: {
    id: 'mako-templates-unescaped',
    title: 'Mako template without HTML escaping',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 79,
    aliases: ['B702', 'S702'],
    why: 'Mako escapes nothing by default: every `${value}` is written out as it is, so a user value in a page becomes live HTML and script unless each expression says `| h`.',
    doInstead: 'Create templates and lookups with `default_filters=["h"]` (HTML escaping for every expression), and mark the few trusted values with `| n`.',
    languages: ['python'],
  },

  mentions: /mako/,
  query: callQuery,

  check(match, context) {
    const { call, callee, name } = resolveCall(match, context)!;
    if (!name || !makoTemplates.has(name) || filtersEscape(keywordValue(call, 'default_filters')) !== false || escapesEachExpression(call)) return;
    // Mako also writes code and configuration (Alembic's migrations): only web pages are sure to need escaping.
    const web = rendersWebPages(call, context);
    context.report({
      node: call,
      severity: web ? 'warning' : 'info',
      confidence: web ? 'medium' : 'low',
      message: `\`${callee.text}()\` has no escaping default_filters, so it writes every \${...} unescaped; pass default_filters=["h"] for HTML.`,
    });
  },
};
