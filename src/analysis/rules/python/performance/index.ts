// Performance rules: loops and data structures that cost more than they need to.
import type { Rule } from '../../rule';

export const performanceRules: readonly Rule[] = [];
