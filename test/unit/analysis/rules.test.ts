// Every rule against its annotated fixture, in both directions, and every fix it offers.
import * as assert from 'node:assert/strict';
import { Analyzer } from '../../../src/analysis/engine';
import { allRules } from '../../../src/analysis/rules';
import { applyEdits } from '../../../src/analysis/textEdits';
import { readRuleFixture, ruleFixturePath } from '../../support/fixtures';

describe('rules against their fixtures', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  it('every rule has a unique kebab-case id and complete metadata', () => {
    const ids = new Set<string>();
    for (const { meta } of allRules()) {
      assert.match(meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, meta.id);
      assert.ok(!ids.has(meta.id), `duplicate id ${meta.id}`);
      ids.add(meta.id);
      assert.ok(meta.title && meta.why && meta.doInstead, `${meta.id} lacks title, why or doInstead`);
      if (meta.category === 'security') assert.ok(meta.cwe && meta.cwe > 0, `${meta.id} lacks a CWE`);
    }
  });

  for (const rule of allRules()) {
    const { id } = rule.meta;
    describe(id, () => {
      for (const language of rule.meta.languages) {
        it(`flags exactly the lines marked "expect" in ${language} (${ruleFixturePath(language, id).split('/fixtures/')[1]})`, () => {
          const fixture = readRuleFixture(language, id);
          assert.ok(fixture, `missing fixture ${ruleFixturePath(language, id)}`);
          assert.ok(fixture.expected.size > 0, 'the fixture needs at least one case that must flag');
          assert.ok(fixture.negative.size > 0, 'the fixture needs at least one case that must not flag');
          const result = analyzer.analyze(fixture.text, language, { select: [id] });
          assert.deepEqual(result.ruleErrors, []);
          const flagged = [...new Set(result.findings.filter((f) => f.ruleId === id).map((f) => f.range.start.line + 1))].sort((a, b) => a - b);
          const expected = [...fixture.expected].map((line) => line + 1).sort((a, b) => a - b);
          assert.deepEqual(flagged, expected, 'flagged lines (1-based) differ from the "expect" lines');
        });

        it(`offers fixes that parse and remove the finding (${language})`, function () {
          const fixture = readRuleFixture(language, id);
          if (!fixture) this.skip();
          const before = analyzer.analyze(fixture.text, language, { select: [id] });
          const fixable = before.findings.filter((finding) => finding.fix);
          if (fixable.length === 0) this.skip();
          for (const finding of fixable) {
            const fixed = applyEdits(fixture.text, finding.fix!.edits);
            assert.notEqual(fixed, fixture.text, `fix "${finding.fix!.title}" changes nothing`);
            const after = analyzer.analyze(fixed, language, { select: [id] });
            assert.ok(!after.hasSyntaxErrors || before.hasSyntaxErrors, `fix on line ${finding.range.start.line + 1} breaks the syntax:\n${fixed}`);
            const stillThere = after.findings.filter((f) => f.ruleId === id).length;
            const wereThere = before.findings.filter((f) => f.ruleId === id).length;
            assert.ok(stillThere < wereThere, `fix on line ${finding.range.start.line + 1} leaves the finding in place`);
          }
        });
      }
    });
  }
});
