// Which fixes are safe (the program means the same) and which unsafe (it behaves differently).
// Rules whose fix is safe only for values the file shows to be builtin containers are checked case
// by case; the rules whose every fix changes behaviour are checked over their whole fixture.
import * as assert from 'node:assert/strict';
import { Analyzer } from '../../../src/analysis/engine';
import type { Fix } from '../../../src/analysis/finding';
import { readRuleFixture } from '../../support/fixtures';

describe('fix safety', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  /** The fixes of the rule's findings in `text`; there must be some. */
  function fixesOf(ruleId: string, text: string): Fix[] {
    const result = analyzer.analyze(text, 'python', { select: [ruleId] });
    assert.deepEqual(result.ruleErrors, []);
    const fixes = result.findings.flatMap((finding) => (finding.ruleId === ruleId && finding.fix ? [finding.fix] : []));
    assert.ok(fixes.length > 0, `no fixable ${ruleId} finding in:\n${text}`);
    return fixes;
  }

  function applicabilities(ruleId: string, text: string): string[] {
    return fixesOf(ruleId, text).map((fix) => fix.applicability);
  }

  describe('dict-keys-iteration: safe only on a known dict', () => {
    const cases: [string, string, 'safe' | 'unsafe'][] = [
      ['a dict display bound once', 'counts = {}\nfor key in counts.keys():\n    pass\n', 'safe'],
      ['a dict comprehension, in a membership test', 'def f(words):\n    counts = {w: 1 for w in words}\n    return "a" in counts.keys()\n', 'safe'],
      ['a display itself', 'for key in {"a": 1}.keys():\n    pass\n', 'safe'],
      ['a parameter', 'def f(counts):\n    for key in counts.keys():\n        pass\n', 'unsafe'],
      ['a client whose keys() asks a server', 'import redis\nr = redis.Redis()\nfor key in r.keys():\n    pass\n', 'unsafe'],
      ['a dict rebound in a branch', 'counts = {}\nif ready:\n    counts = client\nfor key in counts.keys():\n    pass\n', 'unsafe'],
      ['a dict rebound by a loop', 'counts = {}\nfor counts in tables:\n    pass\nfor key in counts.keys():\n    pass\n', 'unsafe'],
      ['a dict rebound in a nested function', 'counts = {}\ndef reset():\n    global counts\n    counts = client\nfor key in counts.keys():\n    pass\n', 'unsafe'],
      ['a dict bound after the use', 'for key in counts.keys():\n    pass\ncounts = {}\n', 'unsafe'],
      ['a name bound to a list, not a dict', 'counts = []\nfor key in counts.keys():\n    pass\n', 'unsafe'],
    ];
    for (const [label, text, expected] of cases) {
      it(`${expected} for ${label}`, () => assert.deepEqual(applicabilities('dict-keys-iteration', text), [expected]));
    }
  });

  describe('len-comparison-zero: safe only on a known builtin container or string', () => {
    const cases: [string, string, 'safe' | 'unsafe'][] = [
      ['a list built in the function', 'def f(rows):\n    found = []\n    found.extend(rows)\n    if len(found) == 0:\n        pass\n', 'safe'],
      ['a string literal name, as a truth value', 'name = "x"\nwhile len(name):\n    pass\n', 'safe'],
      ['a tuple, stored as a bool', 'pair = (1, 2)\nready = len(pair) > 0\n', 'safe'],
      ['a parameter (a NumPy array would raise)', 'def f(values):\n    if len(values) == 0:\n        pass\n', 'unsafe'],
      ['a loop variable', 'for batch in rows:\n    if len(batch) > 0:\n        pass\n', 'unsafe'],
      ['a list rebound by +=', 'found = []\nfound += rows\nif len(found) == 0:\n    pass\n', 'unsafe'],
    ];
    for (const [label, text, expected] of cases) {
      it(`${expected} for ${label}`, () => assert.deepEqual(applicabilities('len-comparison-zero', text), [expected]));
    }
  });

  it('request-without-timeout: adding a missing timeout is safe, replacing timeout=None is not', () => {
    assert.deepEqual(applicabilities('request-without-timeout', 'import requests\nrequests.get(url)\nrequests.get(url, timeout=None)\n'), ['safe', 'unsafe']);
  });

  const alwaysUnsafe = [
    'compare-to-none',
    'type-comparison',
    'bare-except',
    'list-membership-in-loop',
    'append-loop-comprehension',
    'hardcoded-password-argument',
    'hardcoded-password-assignment',
    'hardcoded-secret-format',
    'hardcoded-secret-key',
    'high-entropy-secret',
    'tls-verify-disabled',
    'insecure-random-for-secrets',
    'jinja2-autoescape-false',
    'yaml-load-unsafe',
    'tarfile-extractall-unfiltered',
  ];
  for (const ruleId of alwaysUnsafe) {
    it(`${ruleId}: every fix in its fixture is unsafe and says what it changes`, () => {
      for (const fix of fixesOf(ruleId, readRuleFixture('python', ruleId)!.text)) {
        assert.equal(fix.applicability, 'unsafe', fix.title);
        if (fix.applicability === 'unsafe') assert.ok(fix.changes.length > 0);
      }
    });
  }
});
