// Builds a taint rule: metadata, the data it is about, and the pattern rules it replaces.
import type { RuleMeta } from '../../../finding';
import type { SourceFamily } from '../../../flow/value';
import type { TaintRule } from '../../rule';

export function taintRule(meta: Omit<RuleMeta, 'aliases' | 'category' | 'languages'>, supersedes: readonly string[], family: SourceFamily = 'input'): TaintRule {
  return { meta: { ...meta, category: 'security', languages: ['python'], aliases: [] }, family, supersedes };
}
