// Each rule's fixes pinned by a golden file: the rule's fixture with all its fixes applied (safe
// and unsafe, round after round until none is left, the rule alone) must equal
// `<rule-id>.fixed.py` byte for byte. A rule whose fixture gets fixes needs one; a rule that has
// none must not. After changing a fix, regenerate with LLAMA_REVIEW_UPDATE_GOLDENS=1 and read
// every changed line before committing it.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { Analyzer } from '../../../src/analysis/engine';
import { allRules } from '../../../src/analysis/rules';
import { fixUntilStable } from '../../../src/cli/fixFile';
import { allRuleFixedFixtures, fixturesRoot, readRuleFixture, ruleFixedFixturePath } from '../../support/fixtures';

const updating = process.env.LLAMA_REVIEW_UPDATE_GOLDENS === '1';

describe('rule fixes against their golden files', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  it('has a golden file only for rules that exist', () => {
    const ids = new Set(allRules().map((rule) => rule.meta.id));
    const orphans = allRuleFixedFixtures().filter((golden) => !ids.has(golden.ruleId));
    assert.deepEqual(orphans.map((golden) => relative(fixturesRoot, golden.path)), []);
  });

  for (const rule of allRules()) {
    const { id } = rule.meta;
    for (const language of rule.meta.languages) {
      const goldenPath = ruleFixedFixturePath(language, id);
      const golden = relative(fixturesRoot, goldenPath);
      it(`${id}: its fixture, all fixes applied, is ${golden} (or there are no fixes and no such file)`, () => {
        const fixture = readRuleFixture(language, id);
        assert.ok(fixture, `${id} has no fixture`);
        const fixed = fixUntilStable(fixture.text, (text) => analyzer.analyze(text, language, { select: [id] }), { includeUnsafe: true });
        assert.equal(fixed.rolledBack, undefined);
        const left = fixed.result.findings.filter((finding) => finding.fix);
        assert.deepEqual(left.map((finding) => `line ${finding.range.start.line + 1}: ${finding.fix!.title}`), [], 'fixes left after the last round');
        if (fixed.applied === 0) {
          assert.ok(!existsSync(goldenPath), `${golden} exists, but no fix of ${id} applies to its fixture: delete it`);
          return;
        }
        if (updating) writeFileSync(goldenPath, fixed.text, 'utf8');
        assert.ok(existsSync(goldenPath), `${id} fixes its fixture but has no ${golden}; run with LLAMA_REVIEW_UPDATE_GOLDENS=1 and review it`);
        assert.deepEqual(Buffer.from(fixed.text, 'utf8'), readFileSync(goldenPath), `${golden} differs from the fixed fixture`);
      });
    }
  }
});
