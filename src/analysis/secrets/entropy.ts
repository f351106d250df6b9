// Strings random enough to be key material: Shannon entropy per character against a threshold
// that depends on the alphabet and length, after ruling out words, CamelCase and encoded text.
import { isPlaceholderSecret } from './placeholders';

const minimumLength = 20;
/** Random keys have no readable credential words in them; `user:password` is a test value. */
const readableCredentialWord = /password|passwd|secret|token|credential/i;

function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const character of text) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / text.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}

/**
 * Bits per character above which a string looks random. Hex: 3.0, as detect-secrets uses (random
 * hex of 20 characters or more scores above it 95 times in 100). Anything else: 4.5, lowered to
 * 85% of log2(length) below 40 characters, because a string cannot carry more than log2(length)
 * bits per character: random base64 of 20 characters scores about 4.0, English words about 3.6.
 */
function entropyThreshold(text: string): number {
  if (/^[0-9a-fA-F]+$/.test(text)) return 3.0;
  return Math.min(4.5, 0.85 * Math.log2(text.length));
}

/**
 * Base64 that decodes to readable text (`dXNlcm5hbWU6cGFzc3dvcmQ=` is `username:password`) is
 * encoded text, not key material; the part after a `user:` prefix is what would be secret.
 */
function decodedSecretText(text: string): string | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const decoded = Buffer.from(text, 'base64').toString('latin1');
  if (!/^[\x20-\x7e]+$/.test(decoded)) return undefined;
  return decoded.slice(decoded.indexOf(':') + 1);
}

/**
 * CamelCase words such as `AnotherKeyWithNoValue1`: most of the text is capitalised words of three
 * letters or more. Random mixed-case strings reach 60% less than 3 times in 100.
 */
function isCamelCaseWords(text: string): boolean {
  if (!/[A-Z]/.test(text) || !/[a-z]/.test(text)) return false;
  let wordCharacters = 0;
  for (const word of text.matchAll(/[A-Z]?[a-z]{3,}/g)) wordCharacters += word[0].length;
  return wordCharacters >= 0.6 * text.length;
}

/** A long printable string with letters and digits, more random than words or hex digests of text. */
export function looksRandom(secret: string): number | undefined {
  if (secret.length < minimumLength || !/^[\x21-\x7e]+$/.test(secret)) return undefined;
  // Random strings of this length almost always hold both; CamelCase identifiers hold no digits.
  if (!/[0-9]/.test(secret) || !/[A-Za-z]/.test(secret) || readableCredentialWord.test(secret) || isCamelCaseWords(secret)) return undefined;
  const decoded = decodedSecretText(secret);
  if (decoded !== undefined && isPlaceholderSecret(decoded)) return undefined;
  const entropy = shannonEntropy(secret);
  return entropy > entropyThreshold(secret) ? entropy : undefined;
}
