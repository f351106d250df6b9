// The rule registry: every rule of every language, by id, and each language's taint models.
import type { RuleMeta } from '../finding';
import type { FrameworkModel } from '../flow/models';
import { pythonRules } from './python';
import { pythonTaintModels, pythonTaintRules } from './python/taint';
import type { AnyRule, Rule, TaintRule } from './rule';
import { languages } from '../languages';

const rulesByLanguage: Record<string, readonly Rule[]> = {
  python: pythonRules,
};

const taintRulesByLanguage: Record<string, readonly TaintRule[]> = {
  python: pythonTaintRules,
};

const taintModelsByLanguage: Record<string, readonly FrameworkModel[]> = {
  python: pythonTaintModels,
};

/** The pattern rules of a language: tree-sitter queries and checks. */
export function rulesForLanguage(language: string): readonly Rule[] {
  return rulesByLanguage[language] ?? [];
}

/** The taint rules of a language: kinds of sink the flow layer reports. */
export function taintRulesForLanguage(language: string): readonly TaintRule[] {
  return taintRulesByLanguage[language] ?? [];
}

export function taintModelsForLanguage(language: string): readonly FrameworkModel[] {
  return taintModelsByLanguage[language] ?? [];
}

export function allRules(): AnyRule[] {
  return [...Object.values(rulesByLanguage).flat(), ...Object.values(taintRulesByLanguage).flat(), ...scannerRules()];
}

/** Rules of the languages read by a scanner (templates): their language record holds them. */
function scannerRules(): AnyRule[] {
  return languages.flatMap((language) => (language.analysis.kind === 'scanner' ? language.analysis.rules : []));
}

export function ruleMeta(ruleId: string): RuleMeta | undefined {
  return allRules().find((rule) => rule.meta.id === ruleId)?.meta;
}
