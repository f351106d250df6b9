// The rule documentation picker: its entries carry the Bandit and Ruff codes it matches on, and a
// rule that the settings keep from running is listed apart, saying why.
import * as assert from 'node:assert/strict';
import { allRules } from '../../../src/analysis/rules';
import { rulePickItems, whyRuleIsOff } from '../../../src/editor/rulePickItems';

const metas = allRules().map((rule) => rule.meta);
const metaOf = (id: string) => metas.find((meta) => meta.id === id)!;

describe('editor: rule picker items', () => {
  it('carries each rule\'s codes, so B602 and S602 find subprocess-shell-true', () => {
    const { on } = rulePickItems(metas, {});
    for (const code of ['S602', 'B602']) {
      const found = on.filter((item) => item.description.split(', ').includes(code));
      assert.deepEqual(found.map((item) => item.ruleId), ['subprocess-shell-true'], code);
    }
    const item = on.find((candidate) => candidate.ruleId === 'subprocess-shell-true')!;
    assert.equal(item.label, 'subprocess-shell-true');
    assert.match(item.detail, /^subprocess call with shell=True · security$/);
  });

  it('lists every rule once: those that run, then those that do not', () => {
    const { on, off } = rulePickItems(metas, {});
    assert.equal(on.length + off.length, metas.length);
    assert.deepEqual(off.map((item) => item.ruleId), metas.filter((meta) => meta.enabledByDefault === false).map((meta) => meta.id));
    assert.ok(off.some((item) => item.ruleId === 'assert-used'));
    assert.match(off.find((item) => item.ruleId === 'assert-used')!.detail, /^Off: off by default\. /);
  });

  it('says which setting keeps a rule from running, as the engine decides', () => {
    assert.equal(whyRuleIsOff(metaOf('eval-used'), { severityOverrides: { 'eval-used': 'off' } }), 'off in llamaReview.rules');
    assert.equal(whyRuleIsOff(metaOf('eval-used'), { severityOverrides: { 'eval-used': 'error' } }), undefined);
    assert.equal(whyRuleIsOff(metaOf('eval-used'), { ignore: ['S307'] }), 'ignored by llamaReview.ignore');
    assert.equal(whyRuleIsOff(metaOf('eval-used'), { select: ['performance'] }), 'not selected by llamaReview.select');
    assert.equal(whyRuleIsOff(metaOf('eval-used'), { select: ['S3'] }), undefined);
    assert.equal(whyRuleIsOff(metaOf('assert-used'), { select: ['assert-used'] }), undefined);
    const { off } = rulePickItems(metas, { ignore: ['B602'] });
    assert.ok(off.some((item) => item.ruleId === 'subprocess-shell-true' && item.detail.startsWith('Off: ignored by llamaReview.ignore.')));
  });
});
