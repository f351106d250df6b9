// The engine's contract: selection, limits, budgets, caching, and robustness on hostile input.
import * as assert from 'node:assert/strict';
import { Analyzer, isRuleEnabled } from '../../../src/analysis/engine';
import { ruleMeta } from '../../../src/analysis/rules';

describe('analysis engine', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  const sample = 'if x == None:\n    eval(data)\n';

  it('returns findings sorted by position with 0-based ranges', () => {
    const { findings } = analyzer.analyze(sample, 'python', { select: ['eval-used', 'compare-to-none'] });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.column]), [
      ['compare-to-none', 0, 3],
      ['eval-used', 1, 4],
    ]);
    assert.equal(findings[1].source, 'parse');
    assert.equal(findings[1].cwe, 95);
  });

  it('selects and ignores by id, alias, alias prefix and category', () => {
    const ours = new Set(['eval-used', 'compare-to-none']);
    const ids = (options: Parameters<Analyzer['analyze']>[2]) =>
      analyzer.analyze(sample, 'python', options).findings.map((f) => f.ruleId).filter((id) => ours.has(id));
    assert.deepEqual(ids({ select: ['eval-used'] }), ['eval-used']);
    assert.deepEqual(ids({ select: ['S307'] }), ['eval-used']);
    assert.deepEqual(ids({ select: ['s3'] }), ['eval-used']);
    assert.deepEqual(ids({ select: ['refactoring'] }), ['compare-to-none']);
    assert.deepEqual(ids({ ignore: ['E711'] }), ['eval-used']);
    assert.deepEqual(ids({ severityOverrides: { 'eval-used': 'off' } }), ['compare-to-none']);
  });

  it('selects the reliability category, whose rules carry no CWE', () => {
    const text = 'import requests\nrequests.get(url)\neval(data)\n';
    const { findings } = analyzer.analyze(text, 'python', { select: ['reliability'] });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.category, f.cwe]), [['request-without-timeout', 'reliability', undefined]]);
    const security = analyzer.analyze(text, 'python', { select: ['security'] }).findings.map((f) => f.ruleId);
    assert.deepEqual(security, ['eval-used']);
  });

  it('applies severity overrides', () => {
    const { findings } = analyzer.analyze(sample, 'python', { select: ['eval-used'], severityOverrides: { 'eval-used': 'error' } });
    assert.equal(findings[0].severity, 'error');
  });

  it('runs rules that are off by default only when selected', () => {
    const meta = { ...ruleMeta('eval-used')!, enabledByDefault: false };
    assert.equal(isRuleEnabled(meta, {}), false);
    assert.equal(isRuleEnabled(meta, { select: ['eval-used'] }), true);
  });

  it('skips a file over the size limit with a notice instead of half-analyzing it', () => {
    const result = analyzer.analyze(sample.repeat(1000), 'python', { maxBytes: 1000 });
    assert.equal(result.skipped?.reason, 'too-large');
    assert.match(result.skipped!.message, /over the .* analysis limit/);
    assert.deepEqual(result.findings, []);
  });

  it('reports a file that runs past its time budget as skipped, with no partial findings', () => {
    const large = 'def f(a):\n    if a == None:\n        return eval(a)\n'.repeat(20000);
    const result = analyzer.analyze(large, 'python', { timeBudgetMs: 0 });
    assert.equal(result.skipped?.reason, 'timeout');
    assert.deepEqual(result.findings, []);
    // The parser must not resume the cancelled parse on its next call.
    const next = analyzer.analyze(sample, 'python', { select: ['eval-used', 'compare-to-none'] });
    assert.equal(next.findings.length, 2);
    assert.equal(next.hasSyntaxErrors, false);
  });

  it('skips binary content', () => {
    const result = analyzer.analyze('\u0000\u0001\u0002ELF', 'python');
    assert.equal(result.skipped?.reason, 'binary');
  });

  it('reports an unsupported language instead of throwing', () => {
    const result = analyzer.analyze('let x = 1', 'rust');
    assert.equal(result.skipped?.reason, 'unsupported-language');
  });

  it('re-uses the cached tree for the same key and text and gives the same findings', () => {
    const options = { cacheKey: 'file:///a.py', select: ['eval-used', 'compare-to-none'] };
    const first = analyzer.analyze(sample, 'python', options);
    const second = analyzer.analyze(sample, 'python', options);
    assert.deepEqual(second.findings, first.findings);
    const changed = analyzer.analyze(sample + 'eval(more)\n', 'python', options);
    assert.equal(changed.findings.length, first.findings.length + 1);
    analyzer.forget('file:///a.py');
  });

  it('keeps ranges in UTF-16 columns after non-ASCII text', () => {
    const { findings } = analyzer.analyze('s = "héllo😀"; eval(x)\n', 'python', { select: ['eval-used'] });
    assert.equal(findings[0].range.start.column, '"s = "héllo😀"; '.length - 1);
  });
});
