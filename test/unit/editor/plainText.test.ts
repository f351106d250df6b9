// Messages shown as plain text (Problems panel, hovers, quick-fix titles): code spans become quoted
// code, everything else stays as written.
import * as assert from 'node:assert/strict';
import { plainText } from '../../../src/editor/plainText';

describe('editor: Markdown code spans as plain text', () => {
  it('quotes each code span with typographic single quotes', () => {
    assert.equal(plainText('`password` is set to a string literal'), '\u2018password\u2019 is set to a string literal');
    assert.equal(plainText('`x == None`: use `x is None`'), '\u2018x == None\u2019: use \u2018x is None\u2019');
  });

  it('keeps the code inside a span as written, quotes and all', () => {
    assert.equal(plainText('user input `request.args.get("name")`'), 'user input \u2018request.args.get("name")\u2019');
    assert.equal(plainText("`open('f')` is never closed"), "\u2018open('f')\u2019 is never closed");
  });

  it('reads a longer backtick run as a span that may contain backticks, without its padding spaces', () => {
    assert.equal(plainText('use `` a`b `` here'), 'use \u2018a`b\u2019 here');
    assert.equal(plainText('``x``'), '\u2018x\u2019');
  });

  it('leaves unmatched backticks and text without spans alone', () => {
    assert.equal(plainText('a stray ` backtick'), 'a stray ` backtick');
    assert.equal(plainText('``only one` closes nothing'), '``only one` closes nothing');
    assert.equal(plainText('no code here'), 'no code here');
    assert.equal(plainText(''), '');
  });

  it('turns a message with spans into text without a backtick', () => {
    const message = 'The file from `open()` is never closed by a `with` block; open it in `with open(...) as handle:`.';
    assert.equal(plainText(message), 'The file from \u2018open()\u2019 is never closed by a \u2018with\u2019 block; open it in \u2018with open(...) as handle:\u2019.');
  });
});
