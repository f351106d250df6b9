// Builds a taint rule: metadata, the data it is about, and the pattern rules it replaces, whose
// Bandit and Ruff codes it answers to as well (so `# nosec B608` still suppresses the finding).
import type { RuleMeta } from '../../../finding';
import type { SourceFamily } from '../../../flow/value';
import type { Rule, TaintRule } from '../../rule';
import { secretsAndCryptoRules } from '../secrets-crypto';
import { unsafeCodeRules } from '../unsafe-code';

const patternRules: readonly Rule[] = [...unsafeCodeRules, ...secretsAndCryptoRules];

export function taintRule(meta: Omit<RuleMeta, 'aliases' | 'category' | 'languages'>, supersedes: readonly string[], family: SourceFamily = 'input'): TaintRule {
  const aliases = new Set<string>();
  for (const id of supersedes) {
    const rule = patternRules.find((candidate) => candidate.meta.id === id);
    if (!rule) throw new Error(`Taint rule ${meta.id} supersedes unknown rule ${id}.`);
    rule.meta.aliases.forEach((alias) => aliases.add(alias));
  }
  return { meta: { ...meta, category: 'security', languages: ['python'], aliases: [...aliases] }, family, supersedes };
}
