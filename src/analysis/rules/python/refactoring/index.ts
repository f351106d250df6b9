// Refactoring rules: idioms that read better and hide fewer bugs.
import type { Rule } from '../../rule';
import { compareToNone } from './compare-to-none';

export const refactoringRules: readonly Rule[] = [compareToNone];
