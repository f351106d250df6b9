// Fingerprints and baselines: a finding keeps its fingerprint when lines move or are re-indented,
// loses it when its own line changes, and identical findings are counted.
import * as assert from 'node:assert/strict';
import { BaselineFormatError, compareWithBaseline, createBaseline, parseBaseline, serializeBaseline, baselineEntry, type BaselineEntry, type LocatedFinding } from '../../../src/analysis/baseline';
import { Analyzer } from '../../../src/analysis/engine';
import type { Finding } from '../../../src/analysis/finding';
import { flaggedLinesText, findingFingerprint } from '../../../src/analysis/fingerprint';

const original = ['import os', '', 'def run(data):', '    if data:', '        return eval(data)', '    return None', ''].join('\n');

describe('finding fingerprints', () => {
  let analyzer: Analyzer;
  before(async () => (analyzer = await Analyzer.create()));
  after(() => analyzer.dispose());

  const evalFindings = (text: string): Finding[] => analyzer.analyze(text, 'python', { select: ['eval-used'] }).findings;
  const fingerprints = (text: string, path = 'pkg/app.py') => evalFindings(text).map((finding) => findingFingerprint(path, finding));

  it('stays the same when lines are added above the finding', () => {
    const moved = original.replace('import os\n', 'import os\nimport sys\n\n\nCONSTANT = 1\n');
    assert.equal(evalFindings(moved)[0].range.start.line, 8, 'the finding moved down four lines');
    assert.deepEqual(fingerprints(moved), fingerprints(original));
  });

  it('stays the same when the block is re-indented', () => {
    const reindented = original.replace(/\n {4}/g, '\n  ').replace('return eval', 'return  eval');
    assert.match(reindented, /\n {6}return {2}eval/);
    assert.deepEqual(fingerprints(reindented), fingerprints(original));
  });

  it('changes when the flagged line is edited, the function renamed or the file moved', () => {
    const [before] = fingerprints(original);
    assert.notEqual(fingerprints(original.replace('eval(data)', 'eval(data.strip())'))[0], before);
    assert.notEqual(fingerprints(original.replace('def run(', 'def execute('))[0], before);
    assert.notEqual(fingerprints(original, 'pkg/other.py')[0], before);
  });

  it('gives identical findings in one function one fingerprint, and counts them against the baseline', () => {
    const twice = 'def run(data):\n    eval(data)\n    eval(data)\n';
    const thrice = 'def run(data):\n    eval(data)\n    eval(data)\n    eval(data)\n';
    const located = (text: string): LocatedFinding[] => evalFindings(text).map((finding) => ({ path: 'app.py', finding }));
    const baseline = createBaseline(located(twice), 'test');
    assert.equal(new Set(baseline.findings.map((entry) => entry.fingerprint)).size, 1);
    const comparison = compareWithBaseline(located(thrice), baselineEntry, baseline.findings);
    assert.equal(comparison.fresh.length, 1);
    assert.equal(comparison.baselined.length, 2);
    assert.equal(comparison.stale.length, 0);
    assert.equal(comparison.fresh[0].finding.range.start.line, 3, 'the extra one, past the baseline lines, is the new one');
  });

  it('reads only the whole lines a range covers, whitespace collapsed', () => {
    const text = 'a = f(\n    x,\n\ty)\nb = 2\n';
    assert.equal(flaggedLinesText(text, { start: { line: 0, column: 4 }, end: { line: 3, column: 0 } }), 'a = f( x, y)');
    assert.equal(flaggedLinesText(text, { start: { line: 3, column: 0 }, end: { line: 3, column: 5 } }), 'b = 2');
  });
});

describe('baseline files', () => {
  const entry = (path: string, line: number, fingerprint: string): BaselineEntry => ({ rule: 'eval-used', path, line, fingerprint });

  it('round-trips, in a stable order whatever order the findings came in', () => {
    const finding = (line: number, contentFingerprint: string): Finding => ({
      ruleId: 'eval-used', aliases: [], category: 'security', severity: 'warning', confidence: 'high', message: 'm',
      range: { start: { line, column: 0 }, end: { line, column: 4 } }, source: 'parse', contentFingerprint,
    });
    const findings = [{ path: 'b.py', finding: finding(1, 'x') }, { path: 'a.py', finding: finding(9, 'y') }, { path: 'a.py', finding: finding(2, 'z') }];
    const text = serializeBaseline(createBaseline(findings, '1.2.3'));
    assert.equal(serializeBaseline(createBaseline([...findings].reverse(), '1.2.3')), text);
    const read = parseBaseline(text);
    assert.equal(read.toolVersion, '1.2.3');
    assert.deepEqual(read.findings.map((each) => [each.path, each.line]), [['a.py', 3], ['a.py', 10], ['b.py', 2]]);
    assert.ok(text.endsWith('\n'));
  });

  it('reports stale entries, and prefers the entry on the same line among identical ones', () => {
    const baseline = [entry('a.py', 5, 'same'), entry('a.py', 9, 'same'), entry('a.py', 1, 'gone')];
    const current = [entry('a.py', 9, 'same'), entry('a.py', 20, 'same'), entry('a.py', 30, 'same')];
    const comparison = compareWithBaseline(current, (item) => item, baseline);
    assert.deepEqual(comparison.baselined.map((item) => item.line), [9, 20]);
    assert.deepEqual(comparison.fresh.map((item) => item.line), [30]);
    assert.deepEqual(comparison.stale.map((item) => item.fingerprint), ['gone']);
  });

  it('says what is wrong with a file that is not a baseline', () => {
    const problem = (text: string) => {
      try {
        parseBaseline(text);
        return 'accepted';
      } catch (error) {
        assert.ok(error instanceof BaselineFormatError);
        return error.message;
      }
    };
    assert.match(problem('{"version": 1, "findings": ['), /not valid JSON/);
    assert.match(problem('[]'), /expected a JSON object/);
    assert.match(problem('{"version": 7, "findings": []}'), /newer llama-review/);
    assert.match(problem('{"version": 1}'), /"findings" must be an array/);
    assert.match(problem('{"version": 1, "findings": [{"rule": "eval-used", "path": "a.py", "line": 1}]}'), /entry 1 .*fingerprint/);
    assert.equal(problem('{"version": 1, "findings": []}'), 'accepted');
  });
});
