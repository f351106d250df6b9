import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { isDevelopmentOrDefaultSettingsPath, isModuleLevel, settingOf, settingsQuery } from '../settingsModules';
import { stringValue } from '../strings';

/** `"*"` among the hosts, or as the whole setting. */
function wildcardIn(value: Node): Node | undefined {
  if (stringValue(value) === '*') return value;
  if (value.type !== 'list' && value.type !== 'tuple') return undefined;
  return value.namedChildren.find((item): item is Node => !!item && stringValue(item) === '*');
}

/** `os.environ.get("ALLOWED_HOSTS", "*")`: the wildcard is what a missing variable gives. */
function wildcardDefault(value: Node): Node | undefined {
  return value.descendantsOfType('argument_list').flatMap((list) => list?.namedChildren ?? []).find((item): item is Node => !!item && stringValue(item) === '*');
}

export const djangoAllowedHostsWildcard: Rule = {
  meta: {
    id: 'django-allowed-hosts-wildcard',
    title: 'ALLOWED_HOSTS accepts any host ("*")',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 183,
    aliases: [],
    why: 'ALLOWED_HOSTS is Django\'s check of the Host header. With "*" any Host is accepted, so links Django builds from it (password-reset mails, absolute URLs, redirects) can point at an attacker\'s site, and caches can be poisoned.',
    doInstead: 'List the domains the site serves, e.g. `ALLOWED_HOSTS = ["shop.example.com"]`, or read them from the environment with no wildcard default.',
    languages: ['python'],
  },

  mentions: /ALLOWED_HOSTS/,
  query: `${settingsQuery}
(augmented_assignment left: (identifier) @setting right: (_) @value (#eq? @setting "ALLOWED_HOSTS")) @extension
(call function: (attribute object: (identifier) @setting attribute: (identifier) @method) arguments: (argument_list) @arguments (#eq? @setting "ALLOWED_HOSTS") (#any-of? @method "append" "insert")) @extension`,

  check(match, context) {
    if (isDevelopmentOrDefaultSettingsPath(context.filePath)) return;
    const extension = match.get('extension');
    const setting = extension ? undefined : settingOf(match, ['ALLOWED_HOSTS']);
    // The host added by `append("*")` / `insert(0, "*")` is the last argument; read here, not in
    // the query, whose `(argument_list (string))` would stay open across nested calls.
    const added = match.get('arguments')?.namedChildren.at(-1) ?? undefined;
    const value = extension && isModuleLevel(extension) ? (match.get('value') ?? (added?.type === 'string' ? added : undefined)) : setting?.value;
    if (!value) return;
    const wildcard = wildcardIn(value);
    if (wildcard) {
      context.report({ node: wildcard, message: 'ALLOWED_HOSTS contains "*", so Django accepts a request for any Host header.' });
      return;
    }
    const fallback = extension ? undefined : wildcardDefault(value);
    if (fallback) {
      context.report({ node: fallback, severity: 'info', confidence: 'low', message: 'ALLOWED_HOSTS falls back to "*" when its environment variable is missing, so Django then accepts any Host header.' });
    }
  },
};
