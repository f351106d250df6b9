// The findings status bar item's screen-reader label: a plain sentence for every state, with the
// counts and, when not every finding is shown, which ones are.
import * as assert from 'node:assert/strict';
import { findingsAccessibilityLabel, type FindingsStatus } from '../../../src/editor/findingsStatusText';

const counts = { error: 1, warning: 2, info: 0, hint: 1 };

describe('editor: findings status label', () => {
  it('says the counts as words, and which findings are shown', () => {
    assert.equal(findingsAccessibilityLabel({ kind: 'reviewed', fileName: 'app/main.py', counts }), 'Llama Review, app/main.py: 1 error, 2 warnings, 1 info. Opens the Problems panel.');
    assert.match(findingsAccessibilityLabel({ kind: 'reviewed', fileName: 'app/main.py', counts, shownLabel: 'new since baseline' }), /showing new since baseline\./);
  });

  it('is plain text in every state', () => {
    const states: FindingsStatus[] = [
      { kind: 'off' },
      { kind: 'skipped', fileName: 'big.py', reason: 'the file is larger than the size limit' },
      { kind: 'pending', fileName: 'app/main.py' },
      { kind: 'reviewed', fileName: 'app/main.py', counts, shownLabel: 'changed lines' },
    ];
    for (const state of states) {
      const label = findingsAccessibilityLabel(state);
      assert.doesNotMatch(label, /\$\(|`|\*\*|\]\(/, `${state.kind}: "${label}"`);
      assert.match(label, /^Llama Review/);
    }
  });
});
