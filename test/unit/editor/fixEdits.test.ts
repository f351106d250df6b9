// "Fix all of this rule in the file" and "fix all" on save: safe fixes only, and overlapping fixes
// wait for the next round. Unsafe quick fixes say what they change.
import * as assert from 'node:assert/strict';
import type { Finding, Fix } from '../../../src/analysis/finding';
import { combineFixes, fixAllOfRule, fixAllSafe, quickFixTitle } from '../../../src/editor/fixEdits';

function fix(line: number, start: number, end: number, newText: string): Fix {
  return { title: newText, edits: [{ range: { start: { line, column: start }, end: { line, column: end } }, newText }], applicability: 'safe' };
}

function unsafeFix(line: number, newText: string, changes = 'behaves differently'): Fix {
  return { ...fix(line, 0, 1, newText), applicability: 'unsafe', changes };
}

function finding(ruleId: string, line: number, withFix: Fix | undefined): Finding {
  const range = { start: { line, column: 0 }, end: { line, column: 1 } };
  return { ruleId, aliases: [], category: 'refactoring', severity: 'info', confidence: 'high', message: 'm', range, source: 'parse', fix: withFix };
}

describe('editor: combining fixes', () => {
  it('takes every fix when none overlap, including fixes that touch end to start', () => {
    const fixes = [fix(0, 0, 2, 'a'), fix(0, 2, 4, 'b'), fix(3, 1, 5, 'c')];
    assert.deepEqual(combineFixes(fixes).map((edit) => edit.newText), ['a', 'b', 'c']);
  });

  it('leaves out a fix that overlaps one taken before it', () => {
    const fixes = [fix(1, 4, 10, 'first'), fix(1, 8, 12, 'overlaps'), fix(2, 0, 1, 'later')];
    assert.deepEqual(combineFixes(fixes).map((edit) => edit.newText), ['first', 'later']);
  });

  it('leaves out a second insertion at the same point, which would stack on the first', () => {
    const fixes = [fix(0, 0, 0, 'import os\n'), fix(0, 0, 0, 'import os\n'), fix(0, 0, 3, 'replaced')];
    assert.deepEqual(combineFixes(fixes).map((edit) => edit.newText), ['import os\n', 'replaced']);
  });

  it('takes a fix with several edits whole or not at all', () => {
    const twoEdits: Fix = { title: 'two', edits: [...fix(5, 0, 1, 'x').edits, ...fix(1, 0, 3, 'y').edits], applicability: 'safe' };
    assert.deepEqual(combineFixes([fix(1, 2, 4, 'taken'), twoEdits]).map((edit) => edit.newText), ['taken']);
  });

  it('never takes an unsafe fix, and an unsafe fix blocks nothing it overlaps', () => {
    const fixes = [unsafeFix(0, 'unsafe'), fix(0, 0, 1, 'safe, same range'), unsafeFix(2, 'unsafe too')];
    assert.deepEqual(combineFixes(fixes).map((edit) => edit.newText), ['safe, same range']);
  });
});

describe('editor: fix all of a rule', () => {
  const findings = [
    finding('rule-a', 0, fix(0, 0, 1, 'one')),
    finding('rule-a', 1, unsafeFix(1, 'unsafe')),
    finding('rule-a', 2, fix(2, 0, 1, 'two')),
    finding('rule-b', 3, fix(3, 0, 1, 'other rule')),
  ];

  it('applies the safe fixes of the rule only, and says unsafe ones were left out', () => {
    const fixAll = fixAllOfRule(findings, findings[0]);
    assert.equal(fixAll?.title, 'Fix all rule-a problems in this file (2, safe fixes only)');
    assert.deepEqual(fixAll?.edits.map((edit) => edit.newText), ['one', 'two']);
  });

  it('counts plainly when every fix of the rule is safe', () => {
    const allSafe = [findings[0], findings[2]];
    assert.equal(fixAllOfRule(allSafe, allSafe[1])?.title, 'Fix all rule-a problems in this file (2)');
  });

  it('is not offered from a finding whose fix is unsafe, nor for fewer than two safe fixes', () => {
    assert.equal(fixAllOfRule(findings, findings[1]), undefined);
    assert.equal(fixAllOfRule(findings, findings[3]), undefined);
  });
});

describe('editor: fix all in the file (on save)', () => {
  it('takes the safe fixes of every rule, even a single one, and never an unsafe fix', () => {
    const findings = [finding('rule-a', 0, fix(0, 0, 1, 'a')), finding('rule-b', 1, unsafeFix(1, 'unsafe')), finding('rule-c', 2, fix(2, 0, 1, 'c')), finding('rule-d', 3, undefined)];
    const fixAll = fixAllSafe(findings);
    assert.equal(fixAll?.title, 'Fix all safe Llama Review problems in this file (2)');
    assert.deepEqual(fixAll?.edits.map((edit) => edit.newText), ['a', 'c']);
    assert.deepEqual(fixAllSafe([findings[0]])?.edits.map((edit) => edit.newText), ['a']);
  });

  it('leaves a fix that overlaps an earlier one for the next save, and offers nothing without a safe fix', () => {
    const overlapping = [finding('rule-a', 0, fix(0, 0, 4, 'first')), finding('rule-b', 0, fix(0, 2, 6, 'overlaps'))];
    assert.deepEqual(fixAllSafe(overlapping)?.edits.map((edit) => edit.newText), ['first']);
    assert.equal(fixAllSafe([finding('rule-b', 1, unsafeFix(1, 'unsafe'))]), undefined);
    assert.equal(fixAllSafe([]), undefined);
  });
});

describe('editor: quick fix titles', () => {
  it('keep a safe fix\'s title and add what an unsafe one changes', () => {
    assert.equal(quickFixTitle(fix(0, 0, 1, 'Add timeout=10')), 'Add timeout=10');
    assert.equal(quickFixTitle(unsafeFix(0, 'Catch Exception instead', 'no longer catches KeyboardInterrupt')), 'Catch Exception instead (unsafe: no longer catches KeyboardInterrupt)');
  });

  it('show code spans as quoted code, not as Markdown', () => {
    assert.equal(quickFixTitle(unsafeFix(0, 'Replace `except:` with `except Exception:`', 'no longer catches `KeyboardInterrupt`')), 'Replace \u2018except:\u2019 with \u2018except Exception:\u2019 (unsafe: no longer catches \u2018KeyboardInterrupt\u2019)');
  });
});
