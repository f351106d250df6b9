import type { Rule } from '../../rule';
import { argumentAt, callQuery, keywordValue, resolveCall } from '../calls';
import { stringValue } from '../strings';
import { isFalse, snippet } from '../syntax';
import { pycryptodomePackages } from './cryptoPackages';

/** Constructors of broken hashes, by qualified name, with the algorithm they make. */
const weakHashConstructors = new Map<string, string>([
  ['hashlib.md5', 'MD5'],
  ['hashlib.sha1', 'SHA-1'],
  ['hashlib.md4', 'MD4'],
  ['cryptography.hazmat.primitives.hashes.MD5', 'MD5'],
  ['cryptography.hazmat.primitives.hashes.SHA1', 'SHA-1'],
  ...pycryptodomePackages.flatMap((root): [string, string][] => [
    [`${root}.Hash.MD2.new`, 'MD2'],
    [`${root}.Hash.MD4.new`, 'MD4'],
    [`${root}.Hash.MD5.new`, 'MD5'],
    [`${root}.Hash.SHA.new`, 'SHA-1'],
    [`${root}.Hash.SHA1.new`, 'SHA-1'],
  ]),
]);

/** Names `hashlib.new()` accepts for broken hashes (compared in lower case). */
const weakHashNames = new Map<string, string>([
  ['md4', 'MD4'],
  ['md5', 'MD5'],
  ['md5-sha1', 'MD5-SHA1'],
  ['sha', 'SHA-0'],
  ['sha1', 'SHA-1'],
]);

export const weakHash: Rule = {
  meta: {
    id: 'weak-hash',
    title: 'Broken hash function (MD5, SHA-1, MD4)',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 328,
    aliases: ['B303', 'S303', 'B324', 'S324'],
    why: 'MD5, SHA-1 and MD4 have practical collision attacks, so a signature, integrity check or identifier built on them can be forged; they are also fast, which makes passwords hashed with them easy to brute-force.',
    doInstead: 'Use SHA-256 or SHA-3 for integrity (hashlib.sha256), HMAC for message authentication, and a password hash (argon2, bcrypt, scrypt or hashlib.pbkdf2_hmac) for passwords. Where the hash is only a checksum or cache key, say so with `usedforsecurity=False`.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const resolved = resolveCall(match, context);
    if (!resolved?.name) return;
    const { call, name } = resolved;
    let algorithm = weakHashConstructors.get(name);
    if (name === 'hashlib.new') algorithm = weakHashNames.get(stringValue(argumentAt(call, 0, 'name'))?.toLowerCase() ?? '');
    if (!algorithm) return;
    // Python 3.9+ lets callers declare a non-security use (checksums, cache keys, ETags).
    if (name.startsWith('hashlib.') && isFalse(keywordValue(call, 'usedforsecurity'))) return;
    context.report({
      node: call,
      message: `\`${snippet(call)}\` is ${algorithm}, broken for security use; use SHA-256 (or a password hash for passwords), or pass usedforsecurity=False for a plain checksum.`,
    });
  },
};
