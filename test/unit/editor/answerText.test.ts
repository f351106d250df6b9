// Model answers into edits: fix code out of fences and line-number gutters, docstrings that stay
// valid Python. Review answers are tested with their verifier (test/unit/model/reviewVerify.test.ts).
import * as assert from 'node:assert/strict';
import { codeFromAnswer, formatDocstring, withoutLineGutters } from '../../../src/editor/models/answerText';

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
});
