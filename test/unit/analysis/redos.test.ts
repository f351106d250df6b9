// The ReDoS check on its own: Python's syntax translated for the parser, and which shapes of
// pattern backtrack exponentially. Each "vulnerable" shape here was timed in CPython 3.11 (a few
// dozen characters of almost-matching input took seconds).
import * as assert from 'node:assert/strict';
import { findRedos } from '../../../src/analysis/regex/redos';
import { reFlags, translatePythonPattern, UntranslatablePattern } from '../../../src/analysis/regex/pythonPattern';

/** Pattern text as written, backslashes and all (like Python's r"..."). */
const r = String.raw;

const judged = (pattern: string, flags = 0, fullMatch = false) => {
  const verdict = findRedos(pattern, flags, fullMatch);
  assert.ok(verdict.analysed, `${pattern} should be analysed`);
  return verdict.finding;
};

describe('ReDoS: Python patterns for a JavaScript parser', () => {
  it('rewrites named groups, anchors, comments, {,n} and leading flags', () => {
    const translated = translatePythonPattern(r`(?i)(?P<word>\w+)(?#note)\s(?P=word){,3}\A\Z`);
    assert.equal(translated.source, r`(?<word>\w+)\s\k<word>{0,3}^$`);
    assert.equal(translated.flags.ignoreCase, true);
  });

  it('strips verbose whitespace and comments, but not inside classes or escapes', () => {
    assert.equal(translatePythonPattern('a b # note\n[ #] \\ c', reFlags.VERBOSE).source, 'ab[ #]\\ c');
    assert.equal(translatePythonPattern('(?x) a b').source, 'ab');
  });

  it('reads ] first in a class as a character, and notes possessive and atomic places', () => {
    assert.equal(translatePythonPattern('[]a[]+').source, '[\\]a\\[]+');
    const translated = translatePythonPattern('(?>a+)b*+');
    assert.equal(translated.source, '(?:a+)b*');
    assert.deepEqual([...translated.atomicGroups], [0]);
    assert.deepEqual([...translated.possessiveQuantifiers], [8]);
  });

  it('refuses what JavaScript cannot say, and findRedos then judges nothing', () => {
    assert.throws(() => translatePythonPattern('(?(1)a|b)'), UntranslatablePattern);
    assert.deepEqual(findRedos(r`\N{EM DASH}(a+)+$`).analysed, false);
    assert.deepEqual(findRedos('(a+').analysed, false, 'a pattern Python would reject too');
  });
});

describe('ReDoS: shapes that backtrack exponentially', () => {
  it('finds a repeat inside a repeat that can read the same text', () => {
    assert.deepEqual(judged('(a+)+$'), { kind: 'nested-repeat', repeat: '(a+)+', culprit: 'a+' });
    for (const pattern of [r`^(\w+\s?)*$`, '(a*)*b', '(x+x+)+y', '(.+,)+$', '(a{1,3})+$', r`(\s*\w+)+$`]) assert.ok(judged(pattern), pattern);
  });

  it('finds two repeats that meet inside a repeat, and branches that read the same text', () => {
    assert.equal(judged(r`(\s*,\s*)+;`)?.kind, 'adjacent-repeats');
    assert.equal(judged('(a|a?)+$')?.kind, 'overlapping-alternation');
    assert.equal(judged('(ab|a.)+$')?.kind, 'overlapping-alternation');
    assert.equal(judged('(a|a)*$')?.kind, 'overlapping-alternation', 'Python factors out the `a` and leaves two empty branches');
  });

  it('leaves repeats that can read each text one way only', () => {
    for (const pattern of ['(ab+)+$', '(a+b)+$', r`([a-z]+\.)+com$`, r`(\d{1,3}\.){3}\d{1,3}$`, '(a+){2}$', r`^\w+(\s\w+)*$`, '(a|b)*c', r`^([\w.-]+)@`]) {
      assert.equal(judged(pattern), undefined, pattern);
    }
  });

  it('leaves branches Python folds into one character set', () => {
    assert.equal(judged(r`(\w|\d)+$`), undefined);
    assert.equal(judged('(a|[ab])+$'), undefined);
    assert.ok(judged('(a|.)+$'), 'the dot is not folded into a set');
  });

  it('trusts possessive quantifiers, atomic groups and lookarounds, which do not backtrack once matched', () => {
    for (const pattern of ['(a++)+$', '(?>a+)+$', '(a+)++$', '(?>(a+)+)$', '(?=(?P<g>(-+ ?){3,}))(?P=g)$']) assert.equal(judged(pattern), undefined, pattern);
    assert.ok(judged('(?=(a+)+$)'), 'inside the lookahead the repeat can still fail');
  });

  it('leaves repeats that are all bounded: they read a bounded amount of text', () => {
    assert.equal(judged('([0-9a-f]{0,4}:?){1,6}$'), undefined);
    assert.ok(judged('([0-9a-f]+:?){1,6}$'));
  });

  it('needs something after the repeat that can fail, or a full match', () => {
    assert.equal(judged('(a+)+'), undefined);
    assert.equal(judged('(a+)+.*'), undefined);
    assert.ok(judged('(a+)+', 0, true));
    assert.ok(judged(r`(a+)+\b`));
  });

  it('reads case-insensitive and dot-all patterns as Python does', () => {
    assert.equal(judged('(a|A?)+$'), undefined, 'different letters');
    assert.ok(judged('(a|A?)+$', reFlags.IGNORECASE));
    assert.equal(judged('(\\n|.?)+$'), undefined, 'the dot does not read a newline');
    assert.ok(judged('(\\n|.?)+$', reFlags.DOTALL));
  });
});
