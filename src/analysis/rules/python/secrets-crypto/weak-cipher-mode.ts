import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { argumentValues, callQuery, constantNamed, resolveCall } from '../calls';
import { snippet } from '../syntax';
import { pycryptodomePackages } from './cryptoPackages';

const ecbModeConstants: ReadonlySet<string> = new Set(
  pycryptodomePackages.flatMap((root) => ['AES', 'ARC2', 'Blowfish', 'CAST', 'DES', 'DES3'].map((cipher) => `${root}.Cipher.${cipher}.MODE_ECB`)),
);

/** `AES.new(key, AES.MODE_ECB)` names the call; `modes.ECB()` is the call. */
function message(node: Node): string {
  return `\`${snippet(node)}\` uses ECB mode, which encrypts equal blocks to equal ciphertext, so patterns in the data show through; use an authenticated mode such as GCM.`;
}

export const weakCipherMode: Rule = {
  meta: {
    id: 'weak-cipher-mode',
    title: 'Block cipher in ECB mode',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 327,
    aliases: ['B305', 'S305'],
    why: 'ECB encrypts each block on its own, so identical plaintext blocks give identical ciphertext: structure in the data stays visible and blocks can be cut and pasted between messages without detection.',
    doInstead: 'Use an authenticated mode: AES-GCM (AESGCM in cryptography, AES.MODE_GCM in pycryptodome) or ChaCha20-Poly1305, with a fresh nonce for every message.',
    languages: ['python'],
  },

  mentions: /ECB/,
  query: callQuery,

  check(match, context) {
    const resolved = resolveCall(match, context);
    if (!resolved) return;
    if (resolved.name === 'cryptography.hazmat.primitives.ciphers.modes.ECB') {
      context.report({ node: resolved.call, message: message(resolved.call) });
      return;
    }
    // pycryptodome takes the mode as an argument: AES.new(key, AES.MODE_ECB).
    for (const value of argumentValues(resolved.call)) {
      if (constantNamed(value, ecbModeConstants, context)) context.report({ node: value, message: message(resolved.call) });
    }
  },
};
