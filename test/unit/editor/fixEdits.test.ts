// "Fix all of this rule in the file": overlapping fixes wait for the next round.
import * as assert from 'node:assert/strict';
import type { Fix } from '../../../src/analysis/finding';
import { combineFixes } from '../../../src/editor/fixEdits';

function fix(line: number, start: number, end: number, newText: string): Fix {
  return { title: newText, edits: [{ range: { start: { line, column: start }, end: { line, column: end } }, newText }], applicability: 'safe' };
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
});
