// Django's MIDDLEWARE setting, shared by the rules about middleware that must be there.
import type { Node } from 'web-tree-sitter';
import type { RuleContext, RuleMatch } from '../../rule';
import { moduleLevelValues, settingOf } from '../settingsModules';
import { stringValue } from '../strings';

/** `MIDDLEWARE = [...]`, and `MIDDLEWARE_CLASSES` of Django before 1.10 (read from a `settingsQuery` match). */
const middlewareSettings = ['MIDDLEWARE', 'MIDDLEWARE_CLASSES'];

export interface MiddlewareList {
  /** The assignment, where a finding goes. */
  site: Node;
  name: string;
  /** Classes in the list or added to it later (`MIDDLEWARE.insert(0, "...")`). */
  named(className: string): boolean;
  /** Is `className` in the list only as a comment (`# "django.middleware.csrf.CsrfViewMiddleware",`)? */
  commentedOut(className: string): boolean;
}

/**
 * A settings module's literal list of Django middleware (one entry at least from `django.`, so an
 * empty default or another framework's list is not read); undefined for lists built at run time.
 */
export function middlewareList(match: RuleMatch, context: RuleContext): MiddlewareList | undefined {
  const setting = settingOf(match, middlewareSettings);
  const value = setting?.form === 'module' ? setting.value : undefined;
  if (!setting || (value?.type !== 'list' && value?.type !== 'tuple')) return undefined;
  const entries = value.namedChildren.filter((item): item is Node => !!item && item.type !== 'comment');
  if (!entries.every((item) => stringValue(item) !== undefined) || !entries.some((item) => stringValue(item)!.startsWith('django.'))) return undefined;
  // Strings of this list and of later changes to it (`MIDDLEWARE.insert(...)`), not of other lists assigned instead.
  const others = middlewareSettings
    .flatMap((name) => moduleLevelValues(value, name))
    .filter((other) => other.id !== value.id && other.parent?.type === 'assignment');
  const strings = setting.site.tree.rootNode
    .descendantsOfType('string')
    .filter((node): node is Node => !!node && !others.some((other) => node.startIndex >= other.startIndex && node.endIndex <= other.endIndex))
    .map((node) => stringValue(node) ?? '');
  const listText = context.text.slice(value.startIndex, value.endIndex);
  return {
    site: setting.site,
    name: setting.name,
    // A subclass such as `shop.middleware.StrictCsrfViewMiddleware` does the same job.
    named: (className) => strings.some((text) => text.endsWith(className)),
    commentedOut: (className) => new RegExp(`#[^\\n]*${className}`).test(listText),
  };
}
