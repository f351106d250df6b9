// The rule registry: every rule of every language, by id.
import type { RuleMeta } from '../finding';
import { pythonRules } from './python';
import type { Rule } from './rule';

const rulesByLanguage: Record<string, readonly Rule[]> = {
  python: pythonRules,
};

export function rulesForLanguage(language: string): readonly Rule[] {
  return rulesByLanguage[language] ?? [];
}

export function allRules(): Rule[] {
  return Object.values(rulesByLanguage).flat();
}

export function ruleMeta(ruleId: string): RuleMeta | undefined {
  return allRules().find((rule) => rule.meta.id === ruleId)?.meta;
}
