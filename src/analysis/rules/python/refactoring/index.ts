// Refactoring rules: idioms that read better and hide fewer bugs.
import type { Rule } from '../../rule';
import { bareExcept } from './bare-except';
import { compareToNone } from './compare-to-none';
import { cyclomaticComplexity } from './cyclomatic-complexity';
import { lenComparisonZero } from './len-comparison-zero';
import { mutableDefaultArgument } from './mutable-default-argument';
import { openWithoutWith } from './open-without-with';
import { tooDeepNesting } from './too-deep-nesting';
import { typeComparison } from './type-comparison';

export const refactoringRules: readonly Rule[] = [
  compareToNone,
  typeComparison,
  mutableDefaultArgument,
  bareExcept,
  lenComparisonZero,
  openWithoutWith,
  cyclomaticComplexity,
  tooDeepNesting,
];
