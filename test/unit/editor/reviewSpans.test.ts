// What a model security review asks about and compares with: the headers of the sibling routes
// outside the reviewed lines, and for Review File the file itself or its functions one by one.
import * as assert from 'node:assert/strict';
import { fileReviewSpans, siblingHeaders } from '../../../src/editor/models/codeSpan';
import { reviewPromptTokenBudget } from '../../../src/model/prompts';
import { deleteUserSpan, reviewSample } from '../../support/reviewSample';

describe('editor: security review spans', () => {
  it('compares a route with the headers of the decorated functions outside it', async () => {
    assert.deepEqual(await siblingHeaders('python', reviewSample, deleteUserSpan), [{ startLine: 6, endLine: 8 }, { startLine: 19, endLine: 21 }]);
    // A selection inside the route still gets them; the route's own header, overlapping it, does not come along.
    assert.deepEqual(await siblingHeaders('python', reviewSample, { startLine: 14, endLine: 15 }), [{ startLine: 6, endLine: 8 }, { startLine: 19, endLine: 21 }]);
    assert.deepEqual(await siblingHeaders('python', 'def plain():\n    return 1\n', { startLine: 0, endLine: 1 }), []);
  });

  it('reviews a small file whole, and a larger one by its outermost functions', async () => {
    assert.deepEqual(await fileReviewSpans('python', reviewSample), [{ startLine: 0, endLine: 24 }]);
    const helper = (index: number) => `def helper_${index}(value):\n    def inner():\n        return value * ${index}\n    return inner()\n`;
    const large = Array.from({ length: 80 }, (_, index) => helper(index)).join('\n');
    assert.ok(large.length / 3 > reviewPromptTokenBudget / 2, 'the sample is large enough to be split');
    const spans = await fileReviewSpans('python', large);
    assert.equal(spans.length, 80, 'one per top-level function, the nested ones inside them');
    assert.deepEqual(spans[1], { startLine: 5, endLine: 8 });
  });
});
