// The verdict of a model fix: NUL bytes, analyzer skips and answers that reach outside the span
// are rejected; clean ones keep their words (parses, still has the finding, does not parse).
import * as assert from 'node:assert/strict';
import type { Finding } from '../../../src/analysis/finding';
import { linesChangedOutside, verdictOfAnalysis, verdictOfAnswer } from '../../../src/model/fixVerdict';

const file = [
  'import ast', //                    0
  'import os', //                     1
  '', //                              2
  'CONFIG = os.environ["CONFIG"]', // 3
  'settings = eval(CONFIG)', //       4
  'print(settings)', //               5
  '', //                              6
  'def describe(value):', //          7
  '    return str(value)', //         8
];
const statement = { startLine: 4, endLine: 4 };

function finding(ruleId: string, line: number): Finding {
  return { ruleId, aliases: [], category: 'security', severity: 'warning', confidence: 'high', message: 'm', range: { start: { line, column: 0 }, end: { line, column: 1 } }, source: 'parse' };
}

describe('model fix verdicts', () => {
  it('finds nothing outside the span in an answer that rewrites only the span', () => {
    assert.equal(linesChangedOutside(file, statement, 'settings = ast.literal_eval(CONFIG)'), 0);
    // New lines of its own, even an import already at the top of the file, are not outside.
    assert.equal(linesChangedOutside(file, statement, 'import ast\nsettings = ast.literal_eval(CONFIG)'), 0);
    assert.equal(verdictOfAnswer(file, statement, 'statement', 'settings = ast.literal_eval(CONFIG)'), undefined);
  });

  it('counts the lines around the span that an answer repeats or rewrites', () => {
    // The line above, repeated: applied to the span it would be there twice.
    assert.equal(linesChangedOutside(file, statement, 'CONFIG = os.environ["CONFIG"]\nsettings = ast.literal_eval(CONFIG)'), 1);
    // From the imports down, with the CONFIG line changed on the way.
    const fromTheTop = ['import ast', 'import os', '', 'CONFIG = os.environ.get("CONFIG", "{}")', 'settings = ast.literal_eval(CONFIG)'].join('\n');
    assert.equal(linesChangedOutside(file, statement, fromTheTop), 3);
    // The line below too.
    assert.equal(linesChangedOutside(file, statement, 'settings = ast.literal_eval(CONFIG)\nprint(settings)'), 1);
    assert.deepEqual(verdictOfAnswer(file, statement, 'statement', fromTheTop), { text: 'rejected: changes 3 lines outside the statement', standing: 'rejected' });
    assert.deepEqual(verdictOfAnswer(file, { startLine: 7, endLine: 8 }, 'function', 'print(settings)\n\ndef describe(value):\n    return repr(value)'), {
      text: 'rejected: changes 1 line outside the function',
      standing: 'rejected',
    });
  });

  it('does not count common lines such as "else:" that match by chance', () => {
    const text = ['if ready:', '    run(eval(code))', 'else:', '    pass'];
    assert.equal(linesChangedOutside(text, { startLine: 1, endLine: 1 }, '    if safe(code):\n        run(code)\n    else:\n        pass'), 0);
  });

  it('rejects an answer with NUL bytes', () => {
    assert.deepEqual(verdictOfAnswer(file, statement, 'statement', 'settings = ast.literal_eval(CONFIG)\u0000'), { text: 'rejected: the proposal contains NUL bytes', standing: 'rejected' });
  });

  it('rejects what the analyzer skips for its content, and only marks other skips', () => {
    const skipped = (reason: 'binary' | 'too-large' | 'timeout', message: string) => verdictOfAnalysis({ skipped: { reason, message }, hasSyntaxErrors: false, findings: [] }, statement, 'eval-used');
    assert.deepEqual(skipped('binary', 'Skipped: the file looks binary (it contains NUL bytes).'), { text: 'rejected: the proposal contains NUL bytes', standing: 'rejected' });
    assert.deepEqual(skipped('too-large', 'Skipped: the file is 2.0 MB, over the 1.0 MB analysis limit.'), {
      text: 'rejected: the analyzer skips the file with it (the file is 2.0 MB, over the 1.0 MB analysis limit)',
      standing: 'rejected',
    });
    assert.equal(skipped('timeout', 'Skipped: analysis ran past its 2000 ms budget.').standing, 'doubtful');
  });

  it('keeps the words of a clean proposal', () => {
    const analysed = (findings: Finding[], hasSyntaxErrors = false) => verdictOfAnalysis({ hasSyntaxErrors, findings }, statement, 'eval-used');
    assert.deepEqual(analysed([finding('eval-used', 8)]), { text: 'parses, and eval-used is gone', standing: 'good' });
    assert.deepEqual(analysed([finding('eval-used', 4)]), { text: 'parses, but still has eval-used', standing: 'doubtful' });
    assert.deepEqual(analysed([], true), { text: 'does not parse', standing: 'doubtful' });
    assert.equal(verdictOfAnalysis({ hasSyntaxErrors: false, findings: [finding('x', 4)] }, statement).text, 'parses, 1 finding left in the rewritten lines');
  });
});
