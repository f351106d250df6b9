// The editor's analysis worker, driven from Node as the extension host drives it: the same
// findings as an analyzer in the thread, newer requests replacing waiting ones, and a clean stop.
import * as assert from 'node:assert/strict';
import { Analyzer } from '../../../src/analysis/engine';
import { AnalysisClient } from '../../../src/editor/worker/analysisClient';
import { overflowDepths } from '../../support/analyzerThread';

const view = `from flask import request
import os


def ping():
    host = request.args.get("host")
    os.system("ping " + host)
    return eval(host)
`;

describe('analysis worker', () => {
  let client: AnalysisClient;
  const logged: string[] = [];
  before(async () => {
    client = await AnalysisClient.start((level, message) => logged.push(`${level}: ${message}`));
  });
  after(() => client.dispose());

  it('gives the findings and paths an analyzer on this thread gives', async () => {
    const outcome = await client.analyze(view, 'python', { cacheKey: 'a' });
    assert.ok(outcome);
    const analyzer = await Analyzer.create();
    try {
      const here = analyzer.analyze(view, 'python', {});
      assert.deepEqual(outcome.result.findings, here.findings);
      assert.ok(outcome.result.findings.some((finding) => finding.ruleId === 'command-injection' && finding.trace && finding.trace.length >= 3));
    } finally {
      analyzer.dispose();
    }
    assert.ok(client.supports('python'));
    assert.ok(client.supports('template'));
    assert.ok(!client.supports('cobol'));
  });

  it('replaces a request still waiting with a newer one for the same document', async () => {
    const first = client.analyze(view, 'python', { cacheKey: 'doc' });
    const second = client.analyze(view + '\n# v2\n', 'python', { cacheKey: 'doc' });
    const third = client.analyze(view + '\n# v3\n', 'python', { cacheKey: 'doc' });
    const other = client.analyze('x = 1\n', 'python', { cacheKey: 'other' });
    const [a, b, c, d] = await Promise.all([first, second, third, other]);
    assert.ok(a, 'the request already sent to the worker is answered');
    assert.equal(b, undefined, 'a waiting request is replaced');
    assert.equal(c?.result.lineCount, `${view}\n# v3\n`.trimEnd().split('\n').length, 'the newest text is the one analysed');
    assert.ok(d, 'other documents are not affected');
  });

  it('answers every request of many documents, in any order of arrival', async () => {
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, index) => client.analyze(`x${index} = eval(data)\n`, 'python', { cacheKey: `file${index}` })));
    outcomes.forEach((outcome, index) => assert.equal(outcome?.result.findings[0]?.ruleId, 'eval-used', `file ${index}`));
    assert.equal(client.workersStarted, 1);
  });

  it('settles what is left when disposed, and answers nothing after', async () => {
    const spare = await AnalysisClient.start(() => undefined);
    const waiting = spare.analyze(view, 'python', {});
    spare.dispose();
    assert.equal(await waiting, undefined);
    assert.equal(await spare.analyze(view, 'python', {}), undefined);
  });

  it('replaces its worker after the parser crashed, and the next files get their findings', async () => {
    // The parser's known overflow (see recovery.test.ts), with the pre-scan lifted: the analyzer
    // recovers by itself, and the host must still not keep the thread whose heap was hit.
    const deep = (depth: number) => Array.from({ length: depth }, (_, level) => `${' '.repeat(level)}if x:\n`).join('') + `${' '.repeat(depth)}y = "s"\n`;
    const withEval = 'value = eval(data)\n';
    let replaced = 0;
    for (const depth of overflowDepths) {
      if (replaced > 0) break; // one replacement is what this test needs
      const log: string[] = [];
      const crashing = await AnalysisClient.start((level, message) => log.push(`${level}: ${message}`));
      try {
        await crashing.analyze('', 'python', {});
        await crashing.analyze(deep(depth), 'python', { maxIndentationLevels: Number.POSITIVE_INFINITY });
        for (let run = 0; run < 3; run++) await crashing.analyze(withEval, 'python', {});
        if (crashing.workersStarted > 1) {
          replaced++;
          assert.ok(log.some((line) => line.includes('worker is replaced')), log.join('\n'));
          const after = await crashing.analyze(withEval, 'python', {});
          assert.deepEqual(after?.result.findings.map((finding) => finding.ruleId), ['eval-used']);
        }
      } finally {
        crashing.dispose();
      }
    }
    assert.ok(replaced > 0, 'no run crashed the parser, so replacement went untested');
  });
});
