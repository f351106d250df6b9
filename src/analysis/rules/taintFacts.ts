// What a taint rule watches, read from the models: the sinks of its kind and the sanitisers that
// make data safe for it, as short names for documentation pages and the README.
import type { FrameworkModel, SinkModel } from '../flow/models';
import { languageIds } from '../languages';
import { taintModelsForLanguage, taintRulesForLanguage } from './index';

export interface TaintRuleFacts {
  /** `os.system()`, `.execute() (any receiver)`, `session[...] = ...`, the response of a view. */
  sinks: string[];
  sanitizers: string[];
  /** The frameworks whose sources and sinks feed the rule. */
  frameworks: string[];
}

function sinkName(sink: SinkModel): string {
  const name = sink.path ?? `.${sink.method}`;
  const shown = name.replace(/\(\)\./g, '().').replace(/^\.__setitem__$/, '[...] = ...');
  if (sink.store) return `${shown}[...] = ...`;
  return sink.path ? `${shown}()` : `${shown}() on any ${sink.receiver ? 'matching ' : ''}receiver`;
}

export function taintRuleFacts(ruleId: string): TaintRuleFacts | undefined {
  const language = languageIds().find((id) => taintRulesForLanguage(id).some((rule) => rule.meta.id === ruleId));
  if (!language) return undefined;
  const models: readonly FrameworkModel[] = taintModelsForLanguage(language);
  const sinks = new Set<string>();
  const sanitizers = new Set<string>();
  const frameworks = new Set<string>();
  for (const model of models) {
    for (const sink of model.sinks ?? []) {
      if (sink.kind !== ruleId) continue;
      sinks.add(sinkName(sink));
      frameworks.add(model.name);
    }
    for (const sanitizer of model.sanitizers ?? []) {
      if (sanitizer.safeFor === 'all' || !sanitizer.safeFor.includes(ruleId)) continue;
      sanitizers.add(sanitizer.path ? `${sanitizer.path}()` : `.${sanitizer.method}()`);
    }
  }
  if (ruleId === 'xss') sinks.add('text returned by a Flask view');
  return { sinks: [...sinks].sort(), sanitizers: [...sanitizers].sort(), frameworks: [...frameworks].sort() };
}
