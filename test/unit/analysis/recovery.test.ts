// The parser's known crash (tree-sitter-python's scanner overflowing its buffer on deep
// indentation) is kept out by a pre-scan; when a trap happens anyway, the analyzer recovers and
// says that its thread should be replaced. Each case runs in its own thread: a trap damages that
// thread's wasm heap, and the other tests must not share it.
import * as assert from 'node:assert/strict';
import { indentationLevels, maxIndentationLevels } from '../../../src/analysis/indentationDepth';
import { analyzeInThread } from '../../support/analyzerThread';

/** `depth` nested `if` blocks, one space deeper each, and a string at the bottom: the crashing shape. */
function deepIndentation(depth: number): string {
  let text = '';
  for (let level = 0; level < depth; level++) text += `${' '.repeat(level)}if x:\n`;
  return `${text}${' '.repeat(depth)}y = "s"\n`;
}

const withEval = 'import os\n\nvalue = eval(os.environ["X"])\n';

describe('analysis recovery', () => {
  it('counts indentation levels as distinct widths, the way the scanner measures them', () => {
    assert.equal(indentationLevels('a\n    b\n        c\n    d\n'), 2);
    assert.equal(indentationLevels('a\n\tb\n        c\n'), 1, 'a tab is 8 columns');
    assert.equal(indentationLevels('a\n  \\\n  b\n'), 1, 'a backslash-newline carries on counting: 4');
    assert.equal(indentationLevels('a\n  \\\n  b\n    c\n'), 1);
    assert.equal(indentationLevels('a\n   \n\n'), 0, 'blank lines open no level');
    assert.equal(indentationLevels(deepIndentation(600)), 600);
  });

  it('skips a file indented deeper than the parser can take, and analyzes the next one normally', async () => {
    const [deep, next] = await analyzeInThread([{ text: deepIndentation(600) }, { text: withEval }]);
    assert.equal(deep.result.skipped?.reason, 'too-deep');
    assert.match(deep.result.skipped!.message, /600 indentation levels/);
    assert.deepEqual(next.result.findings.map((finding) => finding.ruleId), ['eval-used']);
    assert.equal(next.wasmTraps, 0);
    assert.equal(next.needsRestart, false);
  });

  it('analyzes a file at the limit', async () => {
    const [atLimit] = await analyzeInThread([{ text: `${deepIndentation(maxIndentationLevels - 1)}${withEval}` }]);
    assert.equal(atLimit.result.skipped, undefined);
    assert.equal(atLimit.wasmTraps, 0);
  });

  it('recovers from the real crash when the guard is lifted: the next file is analyzed on a fresh parser', async () => {
    // Without the pre-scan, the overflow damages the parser and the next parse traps.
    const unguarded = { maxIndentationLevels: Number.POSITIVE_INFINITY };
    const [, , next, after] = await analyzeInThread([{ text: '' }, { text: deepIndentation(520), options: unguarded }, { text: withEval }, { text: withEval }]);
    assert.equal(next.wasmTraps, 1, 'tree-sitter-python 0.25.0 overflows here; if it no longer does, raise maxIndentationLevels');
    assert.equal(next.result.skipped, undefined);
    assert.deepEqual(next.result.findings.map((finding) => finding.ruleId), ['eval-used']);
    assert.equal(next.needsRestart, true);
    assert.deepEqual(after.result.findings.map((finding) => finding.ruleId), ['eval-used']);
  });
});
