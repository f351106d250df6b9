import type { Node } from 'web-tree-sitter';
import type { Rule, RuleContext } from '../../rule';
import { argumentAt, callQuery, hasDictionarySplat, keywordValue, positionalArguments, resolveCall } from '../calls';
import { stringValue } from '../strings';
import { isTrue, rangeOf } from '../syntax';

/** Jinja2 environments, whose autoescape defaults to off. */
const environments = new Set([
  'jinja2.Environment',
  'jinja2.environment.Environment',
  'jinja2.sandbox.SandboxedEnvironment',
  'jinja2.sandbox.ImmutableSandboxedEnvironment',
]);
/** Templates made straight from source, also off by default; only an explicit False is reported. */
const templates = new Set(['jinja2.Template', 'jinja2.environment.Template']);
/** aiohttp-jinja2's setup() escapes unless told not to. */
const aiohttpSetup = 'aiohttp_jinja2.setup';
const selectAutoescape = new Set(['jinja2.select_autoescape', 'jinja2.utils.select_autoescape']);
const htmlExtensions = new Set(['html', 'htm', 'xml']);
/** Environment() takes autoescape as its 17th positional parameter. */
const autoescapePosition = 16;

function isOff(value: Node | undefined): value is Node {
  return value?.type === 'false' || value?.type === 'none';
}

function extensionsOf(list: Node | undefined): string[] | undefined {
  if (list?.type !== 'list' && list?.type !== 'tuple') return undefined;
  return list.namedChildren.map((item) => (item ? stringValue(item)?.replace(/^\./, '').toLowerCase() ?? '?' : '?'));
}

/**
 * What a `select_autoescape(...)` call leaves unescaped: file templates when no extension is
 * enabled (and `default` is not True), or the HTML extensions it disables.
 */
function selectAutoescapeGap(call: Node): string | undefined {
  const enabled = extensionsOf(argumentAt(call, 0, 'enabled_extensions'));
  const disabled = extensionsOf(argumentAt(call, 1, 'disabled_extensions')) ?? [];
  const turnedOff = disabled.filter((extension) => htmlExtensions.has(extension));
  if (turnedOff.length > 0) return `disables escaping for .${turnedOff.join(', .')} templates`;
  if (enabled?.length === 0 && !isTrue(argumentAt(call, 3, 'default'))) return 'enables no extension, so no template file is escaped';
  return undefined;
}

/** `app.jinja_env.autoescape = False`, or on an environment in a file that uses Jinja2. */
function isJinjaEnvironment(receiver: Node, context: RuleContext): boolean {
  return /jinja_env$/.test(receiver.text) || context.importsModule('jinja2');
}

export const jinja2AutoescapeFalse: Rule = {
  meta: {
    id: 'jinja2-autoescape-false',
    title: 'Jinja2 environment without autoescaping',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 79,
    aliases: ['B701', 'S701'],
    why: 'A Jinja2 Environment does not escape HTML unless told to, so every {{ value }} from a user can inject markup and script into rendered pages. The same holds for `aiohttp_jinja2.setup(..., autoescape=False)`, a `select_autoescape()` that enables no HTML extension, and `app.jinja_env.autoescape = False`.',
    doInstead: 'Create it with autoescape=select_autoescape(["html", "htm", "xml"]) (or autoescape=True when it renders only HTML); mark known-safe values with |safe or Markup explicitly.',
    languages: ['python'],
  },

  mentions: /jinja|autoescape/,
  query: `${callQuery}
(assignment left: (attribute object: (_) @receiver attribute: (identifier) @attribute) right: [(false) (none)] (#eq? @attribute "autoescape")) @assignment`,

  check(match, context) {
    const assignment = match.get('assignment');
    if (assignment) {
      if (isJinjaEnvironment(match.get('receiver')!, context)) context.report({ node: assignment, message: `\`${assignment.text}\` turns HTML escaping off for every template of this environment.` });
      return;
    }
    const { call, callee, name } = resolveCall(match, context)!;
    if (!name) return;
    if (selectAutoescape.has(name)) {
      const gap = selectAutoescapeGap(call);
      if (gap) context.report({ node: call, message: `This \`${callee.text}()\` ${gap}; enable "html", "htm" and "xml".` });
      return;
    }
    const isEnvironment = environments.has(name);
    if (!isEnvironment && !templates.has(name) && name !== aiohttpSetup) return;
    const autoescape = keywordValue(call, 'autoescape');
    if (!autoescape) {
      // `**options` may carry autoescape; templates and aiohttp-jinja2 have their own defaults.
      if (!isEnvironment || hasDictionarySplat(call) || positionalArguments(call).length > autoescapePosition) return;
      context.report({
        node: call,
        message: `\`${callee.text}()\` does not escape HTML (autoescape is off by default); pass autoescape=select_autoescape().`,
      });
      return;
    }
    if (!isOff(autoescape)) return;
    context.report({
      node: call,
      message: `\`${callee.text}(autoescape=${autoescape.text})\` lets template values inject HTML; turn autoescaping on.`,
      // Unsafe: templates that build HTML in Python strings now show it as text until marked safe.
      fix: {
        title: 'Set autoescape=True',
        edits: [{ range: rangeOf(autoescape), newText: 'True' }],
        applicability: 'unsafe',
        changes: 'escapes every value: HTML passed in as a plain string now shows as text',
      },
    });
  },
};
