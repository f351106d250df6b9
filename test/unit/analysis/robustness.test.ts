// Hostile and odd input: nothing throws, every rule runs without error (the flow layer too), and
// the time budget holds. Flow-specific input is in flowRobustness.test.ts.
import * as assert from 'node:assert/strict';
import { Analyzer, type AnalysisResult } from '../../../src/analysis/engine';

describe('analysis robustness', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  function analyzeAllRules(text: string, options = {}): AnalysisResult {
    const result = analyzer.analyze(text, 'python', options);
    assert.deepEqual(result.ruleErrors, [], 'a rule threw');
    // Flow runs wherever a taint rule may have something to say; it stops only at its budget.
    if (result.flow?.skipped !== undefined) assert.match(result.flow.skipped, /budget/);
    return result;
  }

  /** Flow ran on the input (the taint rules judged the `eval` there), unless the whole analysis timed out. */
  function assertFlowRan(result: AnalysisResult): void {
    if (!result.skipped) assert.ok(result.flow, 'flow did not run');
  }

  it('handles an empty file', () => {
    const result = analyzeAllRules('');
    assert.deepEqual(result.findings, []);
    assert.equal(result.lineCount, 0);
  });

  it('handles a file with only comments', () => {
    const result = analyzeAllRules('# just a comment\n# noqa\n#!/usr/bin/env python\n');
    assert.deepEqual(result.findings, []);
  });

  it('still finds problems around syntax errors', () => {
    const result = analyzeAllRules('def broken(:\n    pass\n\nvalue = eval(data)\nclass\n');
    assert.equal(result.hasSyntaxErrors, true);
    assert.ok(result.findings.some((f) => f.ruleId === 'eval-used'));
  });

  it('handles text decoded from invalid UTF-8 bytes', () => {
    // `data` is not defined here, so flow cannot prove the argument constant and eval-used stays.
    const bytes = Buffer.concat([Buffer.from('x = "'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"\neval(x + data)\n')]);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const result = analyzeAllRules(text);
    const finding = result.findings.find((f) => f.ruleId === 'eval-used');
    assert.equal(finding?.range.start.line, 1);
    assertFlowRan(result);
  });

  it('skips binary content', () => {
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    assert.equal(analyzeAllRules(binary).skipped?.reason, 'binary');
  });

  it('handles 300-deep nesting, and skips 500-deep nesting as deeper than the parser can take', () => {
    const nested = (levels: number) => {
      let text = 'def deep(x):\n';
      for (let depth = 1; depth <= levels; depth++) text += `${'    '.repeat(depth)}if x > ${depth}:\n`;
      return text + `${'    '.repeat(levels + 1)}return eval(x)\n`;
    };
    const result = analyzeAllRules(nested(300), { timeBudgetMs: 20000 });
    assertFlowRan(result);
    if (!result.skipped) assert.ok(result.findings.some((f) => f.ruleId === 'eval-used'));
    else assert.equal(result.skipped.reason, 'timeout');
    assert.equal(analyzeAllRules(nested(500)).skipped?.reason, 'too-deep');
  });

  it('skips a 5 MB file under the default limit and analyzes it, or times out cleanly, when allowed', () => {
    const chunk = 'def handler(request, items=[]):\n    if request.user == None:\n        return eval(request.body)\n    for i in range(len(items)):\n        print(items[i])\n\n';
    const text = chunk.repeat(Math.ceil((5 * 1024 * 1024) / chunk.length));
    assert.equal(analyzeAllRules(text).skipped?.reason, 'too-large');
    const allowed = analyzeAllRules(text, { maxBytes: 8 * 1024 * 1024, timeBudgetMs: 30000 });
    if (allowed.skipped) assert.equal(allowed.skipped.reason, 'timeout');
    else assert.ok(allowed.findings.length > 0);
    assertFlowRan(allowed);
  });

  it('handles very long lines and lone surrogates', () => {
    const result = analyzeAllRules(`x = "${'a'.repeat(200000)}\ud800"\neval(x)\n`);
    assert.ok(result.findings.some((f) => f.ruleId === 'eval-used'));
    assertFlowRan(result);
  });
});

describe('analysis line endings', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  const lines = [
    'import pickle, yaml',
    'def load(blob, items=[]):',
    '    if blob == None:',
    '        return pickle.loads(blob)',
    '    try:',
    '        value = yaml.load(blob)',
    '    except:',
    '        pass',
    '    return eval(blob)  # nosec B307',
    'x = eval(items)',
  ];
  const positions = (text: string) => analyzer.analyze(text, 'python').findings.map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`);

  it('gives the same findings at the same positions for LF, CRLF, CR-only and mixed line endings', () => {
    const lf = positions(lines.join('\n') + '\n');
    assert.ok(lf.length >= 5, lf.join('; '));
    assert.ok(!lf.some((entry) => entry.startsWith('eval-used 8:')), 'the nosec comment still suppresses');
    assert.deepEqual(positions(lines.join('\r\n') + '\r\n'), lf);
    assert.deepEqual(positions(lines.join('\r') + '\r'), lf);
    const mixed = lines.map((line, index) => line + ['\n', '\r', '\r\n'][index % 3]).join('');
    assert.deepEqual(positions(mixed), lf);
  });
});
