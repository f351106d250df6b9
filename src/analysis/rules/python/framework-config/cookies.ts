// Cookie flags, shared by the cookie rules: the response methods that set a cookie and the
// framework settings that choose the flags of the session and CSRF cookies.
import type { Node } from 'web-tree-sitter';
import type { RuleMeta } from '../../../finding';
import type { Rule, RuleContext, RuleMatch } from '../../rule';
import { callArguments, callQuery, hasDictionarySplat, keywordValue, lastSegment, positionalArguments } from '../calls';
import { isDevelopmentOrDefaultSettingsPath, settingOf, settingsQuery } from '../settingsModules';
import { stringValue } from '../strings';
import { isFalse } from '../syntax';

export type CookieFlag = 'secure' | 'httponly' | 'samesite';

/** Django, Flask and Flask-Login settings for their own cookies, by the flag each sets. */
export const cookieSettings: Record<CookieFlag, readonly string[]> = {
  secure: ['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'REMEMBER_COOKIE_SECURE'],
  httponly: ['SESSION_COOKIE_HTTPONLY', 'REMEMBER_COOKIE_HTTPONLY'],
  samesite: ['SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SAMESITE', 'REMEMBER_COOKIE_SAMESITE'],
};

/** Which cookie a setting is about, for messages: `SESSION_COOKIE_SECURE` is the session cookie's. */
export function cookieOfSetting(name: string): string {
  const owner = name.split('_')[0];
  return `the ${owner === 'CSRF' ? owner : owner.toLowerCase()} cookie`;
}

/** Cookies whose theft gives away a session or a login. */
const sensitiveCookie = /sess|auth|token|jwt|sid|login|remember|user|account|csrf|xsrf/i;

export interface CookieCall {
  call: Node;
  /** The cookie's name as written: `"session_id"` or `name`. */
  name: string;
  /** A session, login or token cookie, by its name. */
  sensitive: boolean;
  flag(flag: CookieFlag): Node | undefined;
}

/** `utils.set_cookie(response, ...)`: a helper in an imported module, not a response's own method. */
function isImportedName(receiver: Node, context: RuleContext): boolean {
  return receiver.type === 'identifier' && (context.qualifiedName(receiver) !== receiver.text || context.importsModule(receiver.text));
}

/**
 * `response.set_cookie(name, value, ...)` (Django, Flask/Werkzeug, aiohttp, Starlette) or
 * `set_signed_cookie`. Not a cookie jar's `set_cookie(cookie)` (one argument), not a test client's
 * nor an imported helper's (`utils.set_cookie(response, ...)`),
 * not a call with `**options` (the flags may be there), and not one that deletes the cookie.
 */
export function cookieCall(match: RuleMatch, context: RuleContext): CookieCall | undefined {
  const callee = match.get('callee');
  const call = match.get('call');
  if (!call || callee?.type !== 'attribute') return undefined;
  const method = lastSegment(callee);
  if (method !== 'set_cookie' && method !== 'set_signed_cookie') return undefined;
  const receiver = callee.childForFieldName('object');
  if (!receiver || /client/i.test(receiver.text) || hasDictionarySplat(call) || isImportedName(receiver, context)) return undefined;
  const positional = positionalArguments(call);
  const nameNode = positional[0] ?? keywordValue(call, 'key');
  const value = positional[1] ?? keywordValue(call, 'value');
  if (!nameNode || callArguments(call).length < 2) return undefined;
  const expiresNow = ['max_age', 'expires'].some((keyword) => keywordValue(call, keyword)?.text === '0');
  if (expiresNow || (value && stringValue(value) === '')) return undefined;
  const literalName = stringValue(nameNode);
  const name = literalName === undefined ? `\`${nameNode.text}\`` : nameNode.text;
  return { call, name, sensitive: sensitiveCookie.test(literalName ?? nameNode.text), flag: (flag) => keywordValue(call, flag) };
}

interface RequiredFlag {
  flag: 'secure' | 'httponly';
  /** What happens to the cookie without the flag, after "it": "can be read by any script". */
  risk: string;
  /** Cookies that must go without the flag: a CSRF token that JavaScript reads. */
  exempt?: RegExp;
}

/**
 * A rule for a flag that should be on: reported where set_cookie() passes it as False (sure) or
 * leaves it out (a warning for session and login cookies, information for others), and where a
 * settings module or app config turns it off for the framework's own cookies.
 */
export function requiredCookieFlagRule(meta: RuleMeta, { flag, risk, exempt }: RequiredFlag): Rule {
  return {
    meta,
    mentions: new RegExp(`set_cookie|set_signed_cookie|COOKIE_${flag.toUpperCase()}`),
    query: `${callQuery}\n${settingsQuery}`,
    check(match, context) {
      if (match.get('callee')) {
        const cookie = cookieCall(match, context);
        if (!cookie || exempt?.test(cookie.name)) return;
        const value = cookie.flag(flag);
        if (isFalse(value)) {
          context.report({ node: cookie.call, confidence: 'high', message: `The cookie ${cookie.name} is set with ${flag}=False, so it ${risk}.` });
        } else if (!value) {
          context.report({ node: cookie.call, severity: cookie.sensitive ? 'warning' : 'info', message: `The cookie ${cookie.name} is set without ${flag}=True, so it ${risk}.` });
        }
        return;
      }
      const setting = settingOf(match, cookieSettings[flag]);
      if (!setting || !isFalse(setting.value) || isDevelopmentOrDefaultSettingsPath(context.filePath)) return;
      context.report({ node: setting.site, confidence: 'high', message: `With ${setting.name} = False, ${cookieOfSetting(setting.name)} ${risk}.` });
    },
  };
}
