// The CWE ids a model review item may name: the catalog's, and every CWE a rule declares (so the
// list can never lag behind the rules). An id outside it is more likely made up than rare.
import { allRules } from '../analysis/rules';
import { cweCatalog } from './cweCatalog';

let known: ReadonlySet<number> | undefined;

export function knownCweIds(): ReadonlySet<number> {
  known ??= new Set([...Object.keys(cweCatalog).map(Number), ...allRules().flatMap((rule) => (rule.meta.cwe === undefined ? [] : [rule.meta.cwe]))]);
  return known;
}

export function isKnownCwe(id: number): boolean {
  return knownCweIds().has(id);
}

/** The weakness's name, or `CWE-<id>` for a rule CWE the catalog does not name. */
export function cweName(id: number): string {
  return cweCatalog[id] ?? `CWE-${id}`;
}
