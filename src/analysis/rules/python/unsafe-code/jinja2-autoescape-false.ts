import type { Rule } from '../../rule';
import { callQuery, hasDictionarySplat, keywordValue, rangeOf } from '../syntax';
import { resolveCall } from './support';

/** Jinja2 environments, whose autoescape defaults to off. */
const environments = new Set(['jinja2.Environment', 'jinja2.environment.Environment', 'jinja2.sandbox.SandboxedEnvironment']);

export const jinja2AutoescapeFalse: Rule = {
  meta: {
    id: 'jinja2-autoescape-false',
    title: 'Jinja2 environment without autoescaping',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 79,
    aliases: ['B701', 'S701'],
    why: 'A Jinja2 Environment does not escape HTML unless told to, so every {{ value }} from a user can inject markup and script into rendered pages.',
    doInstead: 'Create it with autoescape=select_autoescape(["html", "htm", "xml"]) (or autoescape=True when it renders only HTML); mark known-safe values with |safe or Markup explicitly.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const { call, name } = resolveCall(match, context);
    if (!name || !environments.has(name)) return;
    const autoescape = keywordValue(call, 'autoescape');
    if (!autoescape) {
      // `**options` may carry autoescape.
      if (hasDictionarySplat(call)) return;
      context.report({
        node: call,
        message: 'This Jinja2 Environment does not escape HTML (autoescape is off by default); pass autoescape=select_autoescape().',
      });
      return;
    }
    if (autoescape.type !== 'false' && autoescape.type !== 'none') return;
    context.report({
      node: call,
      message: `autoescape=${autoescape.text} lets template values inject HTML; turn autoescaping on.`,
      fix: { title: 'Set autoescape=True', edits: [{ range: rangeOf(autoescape), newText: 'True' }] },
    });
  },
};
