// Model answers into edits and findings: fix code out of fences and line-number gutters,
// docstrings that stay valid Python, review items held to the reviewed lines, no repeats of parse findings.
import * as assert from 'node:assert/strict';
import type { Finding } from '../../../src/analysis/finding';
import { clip, codeFromAnswer, formatDocstring, usableItems, withoutLineGutters, withoutRepeats } from '../../../src/editor/models/answerText';
import type { ReviewItem } from '../../../src/model/reviewAnswer';

function finding(line: number, category: Finding['category'], message = 'm', source: Finding['source'] = 'parse'): Finding {
  return { ruleId: source === 'model' ? 'model-review' : 'rule', aliases: [], category, severity: 'warning', confidence: 'low', message, range: { start: { line, column: 0 }, end: { line, column: 1 } }, source };
}

function item(line: number, title = 'A problem', explanation = 'Why.'): ReviewItem {
  return { line, category: 'security', severity: 'warning', title, explanation };
}

describe('editor: model answers', () => {
  it('takes the first fenced block of a fix, or the whole answer without one', () => {
    assert.equal(codeFromAnswer('Here:\n```python\n    return 1\n```\nDone.'), '    return 1');
    assert.equal(codeFromAnswer('    return 1\n'), '    return 1');
    // An unterminated block (cut off at the token limit) still gives its code.
    assert.equal(codeFromAnswer('```\nx = 1\ny = 2'), 'x = 1\ny = 2');
  });

  it('removes line-number gutters copied from the prompt, keeping indentation', () => {
    assert.equal(codeFromAnswer('```\n 4 | def f():\n>5 |     return 1\n```'), 'def f():\n    return 1');
    // Code that merely contains "|" keeps it.
    assert.equal(codeFromAnswer('x = a | b'), 'x = a | b');
  });

  it('copies a quoted numbered excerpt without its gutter, and only when every line has one', () => {
    assert.equal(withoutLineGutters(' 9 | if ready:\n>10 |     run(code)\n11 | \n12 | done()'), 'if ready:\n    run(code)\n\ndone()');
    // One line without a gutter: the block is code that happens to look numbered, kept as it is.
    const mixed = ' 9 | if ready:\n    run(code)';
    assert.equal(withoutLineGutters(mixed), mixed);
    assert.equal(withoutLineGutters('total = a | b\n2 | 3'), 'total = a | b\n2 | 3');
    assert.equal(withoutLineGutters(''), '');
  });

  it('formats a docstring at the body indentation and keeps it valid Python', () => {
    assert.equal(formatDocstring('Adds two numbers.', '    '), '    """Adds two numbers."""');
    assert.equal(formatDocstring('"""Summary.\n\nArgs:\n  x: a value\n"""', '    '), '    """Summary.\n\n    Args:\n    x: a value\n    """');
    // Quotes and backslashes in the answer cannot end the string early.
    assert.equal(formatDocstring('Ends """ early \\ here', ''), '"""Ends \\"\\"\\" early \\\\ here"""');
  });

  it('keeps review items inside the reviewed lines and shortens long texts', () => {
    const items = usableItems([item(2), item(9), item(0), item(2.5), item(3, ' '), item(3, 'x'.repeat(200), 'y'.repeat(1000))], { startLine: 1, endLine: 4 });
    assert.deepEqual(items.map((kept) => kept.line), [2, 3]);
    assert.equal(items[1].title.length, 80);
    assert.equal(items[1].explanation.length, 400);
    assert.equal(clip('  short  ', 10), 'short');
  });

  it('drops model findings that repeat a parse finding of the same category on the same line, and duplicates', () => {
    const model = [finding(3, 'security', 'eval', 'model'), finding(3, 'performance', 'slow', 'model'), finding(5, 'refactoring', 'same', 'model'), finding(5, 'refactoring', 'same', 'model')];
    const kept = withoutRepeats(model, [finding(3, 'security')]);
    assert.deepEqual(kept.map((candidate) => candidate.message), ['slow', 'same']);
  });
});
