// The lines a model fix may rewrite, found with the real Python grammar: a function stays whole,
// module-level code is its own statement or a small block, classes are never rewritten whole.
import * as assert from 'node:assert/strict';
import { lineStarts, offsetAt } from '../../../src/analysis/lineStarts';
import { LanguageParser } from '../../../src/analysis/parser';
import { maxBlockLines, rewriteSpan, type RewriteSpan } from '../../../src/analysis/rewriteSpan';

const source = [
  'import os', //                                 0
  'import subprocess', //                         1
  '', //                                          2
  'SETTINGS = eval(os.environ["SETTINGS"])', //   3
  'result = subprocess.run(', //                  4
  '    "ls " + os.environ["DIR"],', //            5
  '    shell=True,', //                           6
  ')', //                                         7
  'if os.environ.get("DEBUG"):', //               8
  '    os.system("env")', //                      9
  'else:', //                                     10
  '    pass', //                                  11
  '', //                                          12
  '@app.route(eval("x"))', //                    13
  'def handler(request):', //                     14
  '    return eval(request)', //                  15
  '', //                                          16
  '@dataclass(repr=eval("True"))', //             17
  'class Config:', //                             18
  '    secret = eval(os.environ["SECRET"])', //   19
  '', //                                          20
  '    def load(self):', //                       21
  '        return eval(self.secret)', //          22
  '', //                                          23
].join('\n');

describe('rewrite spans for model fixes', () => {
  let parser: LanguageParser;
  before(async () => (parser = await LanguageParser.create('python')));
  after(() => parser.dispose());

  function spanAt(line: number, needle: string, text = source): RewriteSpan {
    const column = text.split('\n')[line].indexOf(needle);
    assert.ok(column >= 0, `"${needle}" is not on line ${line}`);
    const tree = parser.parse(text);
    try {
      return rewriteSpan(tree.rootNode, { line, offset: offsetAt(lineStarts(text), { line, column }) });
    } finally {
      tree.delete();
    }
  }

  it('rewrites a module-level assignment alone, not the imports above it', () => {
    assert.deepEqual(spanAt(3, 'eval'), { startLine: 3, endLine: 3, unit: 'statement' });
  });

  it('rewrites a call that spans lines as a whole', () => {
    assert.deepEqual(spanAt(6, 'shell'), { startLine: 4, endLine: 7, unit: 'statement' });
    assert.deepEqual(spanAt(5, 'os.environ'), { startLine: 4, endLine: 7, unit: 'statement' });
  });

  it('rewrites a small module-level if with the statement inside it', () => {
    assert.deepEqual(spanAt(9, 'os.system'), { startLine: 8, endLine: 11, unit: 'statement' });
    assert.deepEqual(spanAt(8, 'DEBUG'), { startLine: 8, endLine: 11, unit: 'statement' });
  });

  it('keeps only the statement when the block around it is long', () => {
    const body = Array.from({ length: maxBlockLines }, (_, index) => `    step_${index}()`);
    const text = ['if ready:', ...body.slice(0, 4), '    os.system(command)', ...body.slice(4), 'done()'].join('\n');
    assert.deepEqual(spanAt(5, 'os.system', text), { startLine: 5, endLine: 5, unit: 'statement' });
    // A finding in the long block's header rewrites the header only.
    assert.deepEqual(spanAt(0, 'ready', text), { startLine: 0, endLine: 0, unit: 'statement' });
  });

  it('counts a decorator as part of the function it decorates', () => {
    assert.deepEqual(spanAt(13, 'eval'), { startLine: 13, endLine: 15, unit: 'function' });
    assert.deepEqual(spanAt(15, 'eval'), { startLine: 13, endLine: 15, unit: 'function' });
  });

  it('rewrites a statement of a class body, a class header, and a method whole', () => {
    assert.deepEqual(spanAt(19, 'eval'), { startLine: 19, endLine: 19, unit: 'statement' });
    assert.deepEqual(spanAt(17, 'eval'), { startLine: 17, endLine: 18, unit: 'statement' });
    assert.deepEqual(spanAt(22, 'eval'), { startLine: 21, endLine: 22, unit: 'function' });
  });
});
