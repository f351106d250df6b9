// Performance rules: loops and data structures that cost more than they need to.
import type { Rule } from '../../rule';
import { appendLoopComprehension } from './append-loop-comprehension';
import { dictKeysIteration } from './dict-keys-iteration';
import { listMembershipInLoop } from './list-membership-in-loop';
import { nestedLoopSameSequence } from './nested-loop-same-sequence';
import { rangeLenIndexing } from './range-len-indexing';
import { stringConcatInLoop } from './string-concat-in-loop';
import { tryExceptInLoop } from './try-except-in-loop';

export const performanceRules: readonly Rule[] = [
  rangeLenIndexing,
  stringConcatInLoop,
  listMembershipInLoop,
  appendLoopComprehension,
  tryExceptInLoop,
  nestedLoopSameSequence,
  dictKeysIteration,
];
