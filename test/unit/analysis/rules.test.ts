// Every rule against its annotated fixture, in both directions, and every fix it offers.
import * as assert from 'node:assert/strict';
import { Analyzer } from '../../../src/analysis/engine';
import type { Fix } from '../../../src/analysis/finding';
import { allRules } from '../../../src/analysis/rules';
import { applyEdits } from '../../../src/analysis/textEdits';
import { readRuleFixture, readRuleFixtureVariants, ruleFixturePath, type FixtureExpectations } from '../../support/fixtures';

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

  function assertFlagsExpectedLines(fixture: FixtureExpectations, language: string, id: string, filePath: string | undefined): void {
    const result = analyzer.analyze(fixture.text, language, { select: [id], filePath });
    assert.deepEqual(result.ruleErrors, []);
    const flagged = [...new Set(result.findings.filter((f) => f.ruleId === id).map((f) => f.range.start.line + 1))].sort((a, b) => a - b);
    const expected = [...fixture.expected].map((line) => line + 1).sort((a, b) => a - b);
    assert.deepEqual(flagged, expected, 'flagged lines (1-based) differ from the "expect" lines');
  }

  /** Titles and what an unsafe fix changes show as plain text in menus and reports: short, no Markdown. */
  function assertPlainFixText(fix: Fix): void {
    assert.doesNotMatch(fix.title, /`/, `fix title "${fix.title}" has Markdown backticks`);
    if (fix.applicability === 'safe') return;
    assert.ok(fix.changes.length > 0 && fix.changes.length <= 90, `"${fix.changes}": say what changes in at most 90 characters`);
    assert.doesNotMatch(fix.changes, /[`\n]|\.$/, `"${fix.changes}": plain text on one line, no closing full stop`);
  }

  /** Applies each fix on its own; returns how many there were. */
  function assertFixesWork(text: string, language: string, id: string, filePath: string | undefined): number {
    const options = { select: [id], filePath };
    const before = analyzer.analyze(text, language, options);
    const fixable = before.findings.filter((finding) => finding.fix);
    for (const finding of fixable) {
      assertPlainFixText(finding.fix!);
      const fixed = applyEdits(text, finding.fix!.edits);
      assert.notEqual(fixed, text, `fix "${finding.fix!.title}" changes nothing`);
      const after = analyzer.analyze(fixed, language, options);
      assert.ok(!after.hasSyntaxErrors || before.hasSyntaxErrors, `fix on line ${finding.range.start.line + 1} breaks the syntax:\n${fixed}`);
      const stillThere = after.findings.filter((f) => f.ruleId === id).length;
      const wereThere = before.findings.filter((f) => f.ruleId === id).length;
      assert.ok(stillThere < wereThere, `fix on line ${finding.range.start.line + 1} leaves the finding in place`);
    }
    return fixable.length;
  }

  for (const rule of allRules()) {
    const { id } = rule.meta;
    describe(id, () => {
      for (const language of rule.meta.languages) {
        it(`flags exactly the lines marked "expect" in ${language} (${ruleFixturePath(language, id).split('/fixtures/')[1]})`, () => {
          const fixture = readRuleFixture(language, id);
          assert.ok(fixture, `missing fixture ${ruleFixturePath(language, id)}`);
          const all = [fixture, ...readRuleFixtureVariants(language, id)];
          assert.ok(all.some((file) => file.expected.size > 0), 'the fixtures need at least one case that must flag');
          assert.ok(all.some((file) => file.negative.size > 0), 'the fixtures need at least one case that must not flag');
          assertFlagsExpectedLines(fixture, language, id, undefined);
        });

        for (const variant of readRuleFixtureVariants(language, id)) {
          it(`flags exactly the lines marked "expect" in ${variant.filePath}`, () => assertFlagsExpectedLines(variant, language, id, variant.filePath));
        }

        it(`offers fixes that parse and remove the finding (${language})`, function () {
          const fixture = readRuleFixture(language, id);
          if (!fixture) this.skip();
          const files = [{ ...fixture, filePath: undefined as string | undefined }, ...readRuleFixtureVariants(language, id)];
          let checked = 0;
          for (const { text, filePath } of files) checked += assertFixesWork(text, language, id, filePath);
          if (checked === 0) this.skip();
        });
      }
    });
  }
});
