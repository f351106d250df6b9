import { secretPreview } from '../../../secrets/preview';
import type { Rule } from '../../rule';
import { hardcodedCredential } from '../hardcodedCredentials';
import { namedLiteralQuery } from '../namedLiterals';

export const hardcodedPasswordDefault: Rule = {
  meta: {
    id: 'hardcoded-password-default',
    title: 'Hardcoded password as a parameter default',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 259,
    aliases: ['B107', 'S107'],
    why: 'A default such as `def login(user, password="admin123")` is a credential in the source, and every caller that leaves the argument out silently uses it.',
    doInstead: 'Make the parameter required or default it to None and read the secret at run time (environment, secrets manager) when it is not given.',
    languages: ['python'],
  },

  query: namedLiteralQuery,

  check(match, context) {
    const found = hardcodedCredential(match, ['default']);
    if (!found) return;
    // No fix: `os.environ[...]` in a default would be read once at import and fail there if unset.
    context.report({
      node: found.literal,
      message: `Parameter \`${found.name}\` defaults to the hardcoded secret ${secretPreview(found.value)}; require it or read it at run time.`,
    });
  },
};
