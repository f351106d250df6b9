// A benchmark row that fails is recorded with its reason and shown in the tables; the run goes on.
import * as assert from 'node:assert/strict';
import { markdownReport, type BenchRun } from '../../../bench/report';
import { row } from '../../../bench/rows';

describe('benchmark rows', () => {
  it('turns a throwing measurement into a failed row with its key and reason', async () => {
    const heard: string[] = [];
    const failed = await row('2 threads', (line) => heard.push(line), { threads: '2' }, () => {
      throw new Error('The operation was aborted due to timeout');
    });
    assert.deepEqual(failed, { threads: '2', failed: 'The operation was aborted due to timeout' });
    assert.deepEqual(heard, ['2 threads failed: The operation was aborted due to timeout']);
    assert.deepEqual(await row('ok', () => undefined, {}, () => ({ value: 1 })), { value: 1 });
  });

  it('prints failed rows and failed halves in the report instead of stopping', () => {
    const run: BenchRun = {
      machine: { cpu: 'test CPU', cores: 2, memoryGb: 4, node: 'v20', platform: 'linux-x64', date: '2026-12-01T00:00:00.000Z' },
      analysis: { failed: 'No Python standard library under /usr/lib/python3.*' },
      flow: {
        latency: [{ file: '/usr/lib/python3.11/big.py', failed: 'ran out of memory' }],
        corpora: [{ name: 'web views', files: 2, lines: 100, filesWithFlow: 2, functions: 5, analysisMs: 10, flowMs: 4, share: 0.4, ratio: 1.2, taintFindings: 3 }],
      },
      model: [
        {
          model: 'tiny',
          parameters: 1000,
          threads: 1,
          threadReason: 'auto',
          prompt: { tokens: 10, maxTokens: 20 },
          hosts: { bare: { decodeTokensPerSecond: 100, endToEndTokensPerSecond: 90 }, inProcess: { failed: 'crashed' }, childProcess: { decodeTokensPerSecond: 95, endToEndTokensPerSecond: 81 } },
          threadSweep: [{ threads: '1', threadsUsed: 1, decodeTokensPerSecond: 100 }, { threads: '2', failed: 'The operation was aborted due to timeout' }],
          firstToken: { failed: 'timeout' },
        },
      ],
      triage: [
        { model: 'tiny', threads: 1, findings: 6, maxTokens: 900, promptTokensP50: 700, firstMs: 400, perFinding: { p50: 120, p95: 150, runs: 5 }, verified: 2, rejected: { 'evidence line not shown': 3 }, unreadable: 1 },
        { model: 'small', failed: 'no model' },
      ],
    };
    const report = markdownReport(run);
    assert.match(report, /Failed: No Python standard library/);
    assert.match(report, /\| python3\.11\/big\.py \| failed: ran out of memory \| - \| - \| - \| - \|/);
    assert.match(report, /\| web views \| 2 \| 100 \| 2 \| 5 \| 40\.0% \| 1\.20x \| 3 \|/);
    assert.match(report, /\| our engine, in process \| failed: crashed \| - \| - \|/);
    assert.match(report, /\| our engine, child process \| 95 \| 81 \| 90% \|/);
    assert.match(report, /\| 2 \| failed: The operation was aborted due to timeout \| - \|/);
    assert.match(report, /\| tiny, 1 thread\(s\), prompt about 700 tokens, up to 900 answer tokens \| 6 \| 400\.0 \| 120\.0 \/ 150\.0 \| 2 \| 3 evidence line not shown \| 1 \|/);
    assert.match(report, /\| small \| failed: no model \| - \| - \| - \| - \| - \|/);
  });
});
