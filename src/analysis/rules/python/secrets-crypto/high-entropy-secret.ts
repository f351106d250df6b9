import { isCredentialName, mentionsSecret } from '../../../secrets/credentialNames';
import { looksRandom } from '../../../secrets/entropy';
import { isPlaceholderSecret } from '../../../secrets/placeholders';
import { knownSecretFormat } from '../../../secrets/secretFormats';
import type { Rule } from '../../rule';
import { credentialFix } from '../hardcodedCredentials';
import { namedLiteralOf, namedLiteralQuery } from '../namedLiterals';

/** An HTTP Authorization value is its scheme and then the secret. */
const authScheme = /^(?:Bearer|Basic|Token|Bot|ApiKey|Digest)\s+/i;

export const highEntropySecret: Rule = {
  meta: {
    id: 'high-entropy-secret',
    title: 'Random-looking secret in the source',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 798,
    aliases: [],
    why: 'A long random-looking string stored under a name such as `HMAC_KEY`, `signing_salt` or `Authorization` is almost always a real key; in the source it is readable by everyone with access to the repository and its history.',
    doInstead: 'Rotate the key and load it at run time from the environment or a secrets manager; keep test keys in test fixtures that are clearly marked as such.',
    languages: ['python'],
  },

  query: namedLiteralQuery,

  check(match, context) {
    // Plain credential names (password, api_key, token) are the hardcoded-password rules' findings.
    const found = namedLiteralOf(match, (name) => !isCredentialName(name) && mentionsSecret(name));
    if (!found || found.kind === 'comparison') return;
    const secret = found.value.replace(authScheme, '');
    if (isPlaceholderSecret(secret, found.name) || knownSecretFormat(secret)) return;
    const entropy = looksRandom(secret);
    if (entropy === undefined) return;
    context.report({
      node: found.literal,
      message: `\`${found.name}\` holds a random-looking string of ${secret.length} characters ('${secret.slice(0, 4)}…', ${entropy.toFixed(1)} bits per character); it is probably a real key.`,
      fix: credentialFix(found, context),
    });
  },
};
