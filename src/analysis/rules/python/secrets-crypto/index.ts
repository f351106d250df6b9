// Security rules about secrets, cryptography and transport: hardcoded credentials, weak hashes
// and ciphers, TLS verification, randomness.
import type { Rule } from '../../rule';

export const secretsAndCryptoRules: readonly Rule[] = [];
