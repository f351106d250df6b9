// No rule's query may cost more than linear time in the size of what it matches. The tell, without
// timing anything: a pattern that keeps a partial match open for every operand or nesting level it
// walks past (`(comparison_operator (_) "==" (none))` on a 2,000-link chain took 14 s and 2.2 GB)
// holds more in-progress matches than a small limit, and tree-sitter reports the limit exceeded.
import * as assert from 'node:assert/strict';
import { Parser, Query } from 'web-tree-sitter';
import { loadLanguage } from '../../../src/analysis/parser';
import { splitQueryPatterns } from '../../../src/analysis/queryPatterns';
import { rulesForLanguage } from '../../../src/analysis/rules';
import { pathologicalShapes } from '../../support/pathologicalShapes';

/** Enough for any pattern on ordinary code (the standard library stays under it); far below n. */
const inProgressLimit = 32;
const size = 200;

describe('rule queries scale linearly', () => {
  it('keep a bounded number of partial matches open on long and deeply nested constructs', async () => {
    const grammar = await loadLanguage('python');
    const parser = new Parser();
    parser.setLanguage(grammar);
    const patterns = new Map<string, string[]>();
    for (const rule of rulesForLanguage('python')) {
      for (const pattern of splitQueryPatterns(rule.query)) patterns.set(pattern, [...(patterns.get(pattern) ?? []), rule.meta.id]);
    }
    const queries = [...patterns].map(([pattern, ruleIds]) => ({ query: new Query(grammar, pattern), label: `${ruleIds.join('/')}: ${pattern.replace(/\s+/g, ' ')}` }));
    const unbounded: string[] = [];
    try {
      for (const [shape, build] of Object.entries(pathologicalShapes)) {
        const tree = parser.parse(build(size))!;
        for (const { query, label } of queries) {
          query.matches(tree.rootNode, { matchLimit: inProgressLimit });
          if (query.didExceedMatchLimit()) unbounded.push(`${shape}: ${label}`);
        }
        tree.delete();
      }
    } finally {
      for (const { query } of queries) query.delete();
      parser.delete();
    }
    assert.deepEqual(unbounded, []);
  });
});
