// Security rules about code and data that should not be trusted: eval/exec, shells, SQL,
// deserialization, templates, archives, and unsafe runtime settings.
import type { Rule } from '../../rule';
import { evalUsed } from './eval-used';

export const unsafeCodeRules: readonly Rule[] = [evalUsed];
