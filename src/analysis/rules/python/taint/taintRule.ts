// Builds a taint rule: metadata, the data it is about, and the pattern rules it replaces.
import type { RuleMeta } from '../../../finding';
import type { SourceFamily } from '../../../flow/value';
import type { TaintRule } from '../../rule';

export interface TaintRuleOptions {
  family?: SourceFamily;
  /** Report data that went through calls the models do not know (default: yes). */
  throughUnknownCalls?: boolean;
}

export function taintRule(meta: Omit<RuleMeta, 'aliases' | 'category' | 'languages'>, supersedes: readonly string[], options: TaintRuleOptions = {}): TaintRule {
  return {
    meta: { ...meta, category: 'security', languages: ['python'], aliases: [] },
    family: options.family ?? 'input',
    supersedes,
    throughUnknownCalls: options.throughUnknownCalls ?? true,
  };
}
