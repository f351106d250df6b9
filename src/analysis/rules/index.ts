// The rule registry: every rule of every language, by id, and each language's taint models, read
// from the language records (languages/).
import type { RuleMeta } from '../finding';
import type { FrameworkModel } from '../flow/models';
import type { AnyRule, Rule, TaintRule } from './rule';
import { allLanguages, languageIds, languageSupport, type TreeSitterAnalysis } from '../languages';

function treeSitterAnalysis(language: string): TreeSitterAnalysis | undefined {
  const analysis = languageSupport(language)?.analysis;
  return analysis?.kind === 'tree-sitter' ? analysis : undefined;
}

/** The pattern rules of a language: tree-sitter queries and checks. */
export function rulesForLanguage(language: string): readonly Rule[] {
  return treeSitterAnalysis(language)?.rules ?? [];
}

/** The taint rules of a language: kinds of sink the flow layer reports. */
export function taintRulesForLanguage(language: string): readonly TaintRule[] {
  return treeSitterAnalysis(language)?.taint?.rules ?? [];
}

export function taintModelsForLanguage(language: string): readonly FrameworkModel[] {
  return treeSitterAnalysis(language)?.taint?.models ?? [];
}

export function allRules(): AnyRule[] {
  const ids = languageIds();
  return [...ids.flatMap((id) => rulesForLanguage(id)), ...ids.flatMap((id) => taintRulesForLanguage(id)), ...scannerRules()];
}

/** Rules of the languages read by a scanner (templates): their language record holds them. */
function scannerRules(): AnyRule[] {
  return allLanguages().flatMap((language) => (language.analysis.kind === 'scanner' ? language.analysis.rules : []));
}

export function ruleMeta(ruleId: string): RuleMeta | undefined {
  return allRules().find((rule) => rule.meta.id === ruleId)?.meta;
}
