// The entries of the rule documentation picker: every rule with its Bandit and Ruff codes, so that
// typing `S602` or `B602` finds `subprocess-shell-true`, and for a rule the settings keep from
// running, why. Whether a rule runs is the engine's own verdict. No `vscode` import.
import { isRuleEnabled, ruleMatchesCode, type AnalyzeOptions } from '../analysis/engine';
import type { RuleMeta } from '../analysis/finding';
import { plainText } from './plainText';

/** The settings that choose which rules run (llamaReview.select, ignore, rules). */
export type RuleSelection = Pick<AnalyzeOptions, 'select' | 'ignore' | 'severityOverrides'>;

export interface RulePickItem {
  ruleId: string;
  label: string;
  /** The rule's codes: what the picker matches besides the id. */
  description: string;
  /** Title and category; for a rule that is off, why. */
  detail: string;
}

/** Why a rule does not run with `selection`; undefined when it runs. */
export function whyRuleIsOff(meta: RuleMeta, selection: RuleSelection): string | undefined {
  if (isRuleEnabled(meta, selection)) return undefined;
  if (selection.severityOverrides?.[meta.id] === 'off') return 'off in llamaReview.rules';
  if (selection.ignore?.some((code) => ruleMatchesCode(meta, code))) return 'ignored by llamaReview.ignore';
  if (selection.select && selection.select.length > 0) return 'not selected by llamaReview.select';
  return 'off by default';
}

/** The rules that run, then the rules that do not, each in registry order. */
export function rulePickItems(rules: readonly RuleMeta[], selection: RuleSelection): { on: RulePickItem[]; off: RulePickItem[] } {
  const on: RulePickItem[] = [];
  const off: RulePickItem[] = [];
  for (const meta of rules) {
    const reason = whyRuleIsOff(meta, selection);
    const about = `${plainText(meta.title)} · ${meta.category}`;
    const item = { ruleId: meta.id, label: meta.id, description: meta.aliases.join(', '), detail: reason ? `Off: ${reason}. ${about}` : about };
    (reason ? off : on).push(item);
  }
  return { on, off };
}
