// What a model prompt shows around a position, with the real Python grammar.
import * as assert from 'node:assert/strict';
import { LanguageParser } from '../../../src/analysis/parser';
import { longestFunctionShown, promptSpanAt, promptWindowLines } from '../../../src/analysis/promptSpan';

describe('prompt span', () => {
  let parser: LanguageParser;
  before(async () => {
    parser = await LanguageParser.create('python');
  });
  after(() => parser.dispose());

  const spanOf = (text: string, line: number, column = 4) => {
    const tree = parser.parse(text);
    try {
      return promptSpanAt(tree.rootNode, text, { line, column });
    } finally {
      tree.delete();
    }
  };

  it('shows the enclosing function with its decorators', () => {
    const text = 'import os\n\n@app.route("/")\ndef view():\n    x = 1\n    return eval(x)\n\nOTHER = 2\n';
    assert.deepEqual(spanOf(text, 5), { startLine: 2, endLine: 5 });
  });

  it('shows a window at module level, bounded by the file', () => {
    const lines = Array.from({ length: 40 }, (_, index) => `value_${index} = ${index}`);
    assert.deepEqual(spanOf(lines.join('\n') + '\n', 20, 0), { startLine: 20 - promptWindowLines, endLine: 20 + promptWindowLines });
    assert.deepEqual(spanOf('x = eval(y)\n', 0, 4), { startLine: 0, endLine: 1 });
  });

  it('shows a window inside a function too long to send whole', () => {
    const body = Array.from({ length: longestFunctionShown + 10 }, (_, index) => `    step_${index} = ${index}`);
    const text = `def long():\n${body.join('\n')}\n`;
    assert.deepEqual(spanOf(text, 100), { startLine: 100 - promptWindowLines, endLine: 100 + promptWindowLines });
  });
});
