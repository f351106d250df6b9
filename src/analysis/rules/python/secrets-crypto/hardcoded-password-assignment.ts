import { secretPreview } from '../../../secrets/preview';
import type { Rule } from '../../rule';
import { credentialFix, hardcodedCredential } from '../hardcodedCredentials';
import { namedLiteralQuery } from '../namedLiterals';

export const hardcodedPasswordAssignment: Rule = {
  meta: {
    id: 'hardcoded-password-assignment',
    title: 'Hardcoded password or secret',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 259,
    aliases: ['B105', 'S105'],
    why: 'A password, token or key written into the source is shared with everyone who can read the repository, its history and every copy of the package, and it cannot be rotated without a release.',
    doInstead: 'Read the secret at run time from the environment (`os.environ["DB_PASSWORD"]`), a secrets manager or an untracked config file, and keep only placeholders in the code.',
    languages: ['python'],
  },

  query: namedLiteralQuery,

  check(match, context) {
    const found = hardcodedCredential(match, ['assignment', 'dictionary', 'comparison']);
    if (!found) return;
    // A placeholder is shown whole: it is no secret.
    const value = secretPreview(found.value, !!found.unreplacedPlaceholder);
    if (found.unreplacedPlaceholder) {
      const kind = { 'own-name': 'its own name', mask: 'a mask' }[found.unreplacedPlaceholder as string] ?? 'a placeholder';
      context.report({
        node: found.literal,
        severity: 'info',
        confidence: 'low',
        message: `\`${found.name}\` is ${value}, ${kind}, and nothing in this settings module replaces it at run time.`,
      });
      return;
    }
    const message =
      found.kind === 'comparison'
        ? `\`${found.name}\` is compared with the hardcoded secret ${value}; anyone who reads the code can pass this check.`
        : `\`${found.name}\` is set to the hardcoded secret ${value}; read it from the environment or a secrets store instead.`;
    context.report({ node: found.literal, message, fix: credentialFix(found, context) });
  },
};
