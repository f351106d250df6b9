// Model review findings follow edits: moved by the lines inserted or removed above them, dropped
// when their own text is edited, untouched by edits below them.
import * as assert from 'node:assert/strict';
import { spanAfterChanges, type TextSpan } from '../../../src/editor/models/followEdits';

const span = (line: number, from = 4, to = 20): TextSpan => ({ start: { line, character: from }, end: { line, character: to } });
const at = (line: number, character: number) => ({ line, character });

describe('model findings follow edits', () => {
  it('moves down and up with lines inserted and removed above', () => {
    assert.deepEqual(spanAfterChanges(span(10), [{ range: { start: at(2, 0), end: at(2, 0) }, text: 'a = 1\nb = 2\n' }]), span(12));
    assert.deepEqual(spanAfterChanges(span(10), [{ range: { start: at(2, 0), end: at(5, 0) }, text: '' }]), span(7));
    assert.deepEqual(spanAfterChanges(span(10), [{ range: { start: at(3, 1), end: at(3, 4) }, text: 'xyz' }]), span(10));
  });

  it('stays put for edits after it, including the rest of its own line', () => {
    assert.deepEqual(spanAfterChanges(span(10), [{ range: { start: at(11, 0), end: at(11, 0) }, text: 'pass\n' }]), span(10));
    assert.deepEqual(spanAfterChanges(span(10), [{ range: { start: at(10, 30), end: at(10, 30) }, text: '\n' }]), span(10));
  });

  it('is dropped when its own text is edited, or lines are joined into it', () => {
    assert.equal(spanAfterChanges(span(10), [{ range: { start: at(10, 6), end: at(10, 8) }, text: 'q' }]), undefined);
    assert.equal(spanAfterChanges(span(10), [{ range: { start: at(9, 3), end: at(10, 0) }, text: '' }]), undefined);
  });

  it('applies several changes in order', () => {
    const changes = [
      { range: { start: at(1, 0), end: at(1, 0) }, text: '\n\n' },
      { range: { start: at(20, 0), end: at(22, 0) }, text: '' },
      { range: { start: at(0, 0), end: at(1, 0) }, text: '' },
    ];
    assert.deepEqual(spanAfterChanges(span(10), changes), span(11));
  });
});
