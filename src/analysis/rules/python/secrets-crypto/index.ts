// Security rules about secrets, cryptography and transport: hardcoded credentials, weak hashes,
// ciphers and keys, TLS, SSH and SNMP settings, token verification, randomness.
import type { Rule } from '../../rule';
import { hardcodedPasswordArgument } from './hardcoded-password-argument';
import { hardcodedPasswordAssignment } from './hardcoded-password-assignment';
import { hardcodedPasswordDefault } from './hardcoded-password-default';
import { hardcodedSecretFormat } from './hardcoded-secret-format';
import { hardcodedSecretKey } from './hardcoded-secret-key';
import { highEntropySecret } from './high-entropy-secret';
import { insecureMktemp } from './insecure-mktemp';
import { insecureRandomForSecrets } from './insecure-random-for-secrets';
import { jwtVerificationDisabled } from './jwt-verification-disabled';
import { paramikoAutoAddPolicy } from './paramiko-auto-add-policy';
import { snmpInsecure } from './snmp-insecure';
import { tlsVerifyDisabled } from './tls-verify-disabled';
import { weakCipher } from './weak-cipher';
import { weakCipherMode } from './weak-cipher-mode';
import { weakHash } from './weak-hash';
import { weakKeySize } from './weak-key-size';
import { weakTlsVersion } from './weak-tls-version';

export const secretsAndCryptoRules: readonly Rule[] = [
  hardcodedPasswordAssignment,
  hardcodedPasswordArgument,
  hardcodedPasswordDefault,
  hardcodedSecretFormat,
  hardcodedSecretKey,
  highEntropySecret,
  weakHash,
  weakCipher,
  weakCipherMode,
  weakKeySize,
  insecureMktemp,
  insecureRandomForSecrets,
  tlsVerifyDisabled,
  weakTlsVersion,
  paramikoAutoAddPolicy,
  jwtVerificationDisabled,
  snmpInsecure,
];
