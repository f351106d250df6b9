import type { Rule } from '../../rule';
import { callQuery, resolveCall, underModules } from '../calls';
import { snippet } from '../syntax';
import { pycryptodomePackages } from './cryptoPackages';

const pycryptodomeCiphers = ['ARC2', 'ARC4', 'Blowfish', 'CAST', 'DES', 'DES3', 'XOR'];
const cryptographyCiphers = ['ARC4', 'Blowfish', 'CAST5', 'IDEA', 'RC2', 'SEED', 'TripleDES'];
// cryptography moved its legacy ciphers to `hazmat.decrepit` in version 43.
const cryptographyModules = ['cryptography.hazmat.primitives.ciphers.algorithms', 'cryptography.hazmat.decrepit.ciphers.algorithms'];

const weakCiphers: ReadonlySet<string> = new Set([
  ...pycryptodomePackages.flatMap((root) => pycryptodomeCiphers.map((cipher) => `${root}.Cipher.${cipher}.new`)),
  ...underModules(cryptographyModules, cryptographyCiphers),
]);

/** `Crypto.Cipher.DES.new` gives DES, `...algorithms.TripleDES` gives TripleDES. */
function cipherName(qualified: string): string {
  const segments = qualified.split('.');
  return segments[segments.length - 1] === 'new' ? segments[segments.length - 2] : segments[segments.length - 1];
}

export const weakCipher: Rule = {
  meta: {
    id: 'weak-cipher',
    title: 'Broken or obsolete cipher',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 327,
    aliases: ['B304', 'S304'],
    why: 'DES and RC2 keys are short enough to brute-force, RC4 output is biased, and 64-bit block ciphers (Triple DES, Blowfish, CAST, IDEA) leak plaintext after a few gigabytes under one key (Sweet32); XOR is not encryption at all.',
    doInstead: 'Use an authenticated modern cipher: AES-GCM or ChaCha20-Poly1305 (cryptography.hazmat.primitives.ciphers.aead), or Fernet for simple symmetric encryption.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const resolved = resolveCall(match, context);
    if (!resolved?.name || !weakCiphers.has(resolved.name)) return;
    const cipher = cipherName(resolved.name);
    context.report({
      node: resolved.call,
      message: `\`${snippet(resolved.call)}\` uses ${cipher}, a broken or obsolete cipher; use AES-GCM or ChaCha20-Poly1305 instead.`,
    });
  },
};
