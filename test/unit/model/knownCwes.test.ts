// The CWE ids a model review item may name: the catalog's and the rules', nothing made up.
import * as assert from 'node:assert/strict';
import { allRules } from '../../../src/analysis/rules';
import { cweCatalog } from '../../../src/model/cweCatalog';
import { cweName, isKnownCwe, knownCweIds } from '../../../src/model/knownCwes';

describe('known CWEs', () => {
  it('include every CWE a rule declares, each with a name in the catalog', () => {
    const ruleCwes = new Set(allRules().flatMap((rule) => (rule.meta.cwe === undefined ? [] : [rule.meta.cwe])));
    assert.ok(ruleCwes.size > 20, `only ${ruleCwes.size} rule CWEs`);
    for (const cwe of ruleCwes) {
      assert.ok(isKnownCwe(cwe), `CWE-${cwe}`);
      assert.ok(cweCatalog[cwe], `CWE-${cwe} (a rule's) has no name in cweCatalog.ts`);
    }
  });

  it('include the CWE Top 25 and the weaknesses beyond the rules that a review looks for', () => {
    const top25 = [79, 787, 89, 352, 22, 125, 78, 416, 862, 434, 94, 20, 77, 287, 269, 502, 200, 863, 918, 119, 476, 798, 190, 400, 306];
    const beyondTheRules = [306, 862, 863, 639, 285, 200, 201, 359, 209, 532, 840, 841, 915, 807];
    for (const cwe of [...top25, ...beyondTheRules]) assert.ok(isKnownCwe(cwe), `CWE-${cwe}`);
    assert.equal(cweName(306), 'Missing Authentication for Critical Function');
  });

  it('leave out ids no weakness has, and name a rule CWE the catalog lacks by its number', () => {
    for (const made of [0, -79, 1, 3, 99999, 12345]) assert.equal(isKnownCwe(made), false, `CWE-${made}`);
    assert.equal(cweName(99999), 'CWE-99999');
    assert.ok(knownCweIds().size >= Object.keys(cweCatalog).length);
  });
});
