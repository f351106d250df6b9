import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { callQuery } from '../calls';
import { isDevelopmentOrDefaultSettingsPath, settingOf, settingsQuery } from '../settingsModules';
import { stringValue } from '../strings';
import { cookieCall, cookieOfSetting, cookieSettings } from './cookies';

/** The string "None" (any case). Python's None leaves the attribute out, and browsers then use Lax. */
function isSameSiteNone(value: Node | undefined): boolean {
  return stringValue(value)?.toLowerCase() === 'none';
}

export const cookieSamesiteNone: Rule = {
  meta: {
    id: 'cookie-samesite-none',
    title: 'Cookie sent on cross-site requests (SameSite=None)',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 1275,
    aliases: [],
    why: 'SameSite=None tells the browser to send the cookie with requests that other sites start (forms, images, fetches), which gives up the browser\'s own defence against cross-site request forgery for that cookie.',
    doInstead: 'Use samesite="Lax" (or "Strict") unless the cookie must really work inside another site\'s page, such as an embedded widget; then pair SameSite=None with Secure and keep CSRF protection on.',
    languages: ['python'],
  },

  mentions: /samesite|SAMESITE/,
  query: `${callQuery}\n${settingsQuery}`,

  check(match, context) {
    if (match.get('callee')) {
      const cookie = cookieCall(match, context);
      const value = cookie?.flag('samesite');
      if (cookie && value && isSameSiteNone(value)) {
        context.report({ node: value, message: `The cookie ${cookie.name} is set with samesite=${value.text}, so browsers send it on requests other sites start.` });
      }
      return;
    }
    const setting = settingOf(match, cookieSettings.samesite);
    if (!setting || !isSameSiteNone(setting.value) || isDevelopmentOrDefaultSettingsPath(context.filePath)) return;
    context.report({ node: setting.site, message: `${setting.name} = ${setting.value.text} makes browsers send ${cookieOfSetting(setting.name)} on requests other sites start.` });
  },
};
