import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { isDevelopmentOrDefaultSettingsPath, settingOf, settingsQuery } from '../settingsModules';
import { stringValue } from '../strings';

/** Django's hashers that are fast or unsalted, with what is wrong with each. */
const weakHashers = new Map([
  ['MD5PasswordHasher', 'a single salted MD5'],
  ['SHA1PasswordHasher', 'a single salted SHA-1'],
  ['UnsaltedMD5PasswordHasher', 'unsalted MD5'],
  ['UnsaltedSHA1PasswordHasher', 'unsalted SHA-1'],
  ['CryptPasswordHasher', 'DES crypt(3), which keeps 8 characters'],
]);

export const djangoWeakPasswordHasher: Rule = {
  meta: {
    id: 'django-weak-password-hasher',
    title: 'PASSWORD_HASHERS starts with a fast or unsalted hasher',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 916,
    aliases: [],
    why: 'Django hashes every new or changed password with the first entry of PASSWORD_HASHERS. MD5 and SHA-1 take nanoseconds, so a leaked table of them is cracked in hours, and without a salt equal passwords have equal hashes.',
    doInstead: 'Put Argon2PasswordHasher, PBKDF2PasswordHasher or ScryptPasswordHasher first; keep an old hasher further down only to verify existing hashes, which Django upgrades at the next login. Fast hashers belong in test settings only.',
    languages: ['python'],
  },

  mentions: /PASSWORD_HASHERS/,
  query: settingsQuery,

  check(match, context) {
    const setting = settingOf(match, ['PASSWORD_HASHERS']);
    const hashers = setting?.form === 'module' ? setting.value : undefined;
    if ((hashers?.type !== 'list' && hashers?.type !== 'tuple') || isDevelopmentOrDefaultSettingsPath(context.filePath)) return;
    const first = hashers.namedChildren.find((item): item is Node => !!item && item.type !== 'comment');
    const className = stringValue(first)?.split('.').pop() ?? '';
    const weakness = weakHashers.get(className);
    if (!first || !weakness) return;
    context.report({ node: first, message: `New passwords are hashed with ${className}, ${weakness}, which a leaked database gives up quickly.` });
  },
};
