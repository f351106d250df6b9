// Every Python rule, family by family.
import type { Rule } from '../rule';
import { frameworkConfigRules } from './framework-config';
import { performanceRules } from './performance';
import { refactoringRules } from './refactoring';
import { secretsAndCryptoRules } from './secrets-crypto';
import { unsafeCodeRules } from './unsafe-code';

export const pythonRules: readonly Rule[] = [
  ...unsafeCodeRules,
  ...secretsAndCryptoRules,
  ...frameworkConfigRules,
  ...refactoringRules,
  ...performanceRules,
];
