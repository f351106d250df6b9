// The check pool: worker threads check files in parallel and agree with the main thread.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFiles, jobCount } from '../../../src/cli/checkPool';
import type { FileCheckRequest } from '../../../src/cli/checkFile';

describe('check pool', () => {
  let folder: string;
  let requests: FileCheckRequest[];

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'llama-review-pool-'));
    requests = Array.from({ length: 20 }, (_, index) => {
      const file = join(folder, `m${index}.py`);
      writeFileSync(file, `import pickle\n\ndef f(blob):\n${'    x = 1\n'.repeat(index)}    return pickle.loads(blob)\n`);
      return { file, path: `m${index}.py`, options: {}, fix: false };
    });
    requests.push({ file: join(folder, 'missing.py'), path: 'missing.py', options: {}, fix: false });
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('checks on two worker threads and returns what one worker returns, in order', async () => {
    const parallel = await checkFiles(requests, 2);
    const single = await checkFiles(requests, 1);
    // Both workers start; a fast one may take every file before the other is ready.
    assert.ok(parallel.workers >= 1);
    assert.equal(single.workers, 1, 'even one job runs in a worker, so a runaway file cannot hold the run');
    assert.deepEqual(parallel.outcomes, single.outcomes);
    assert.deepEqual(parallel.outcomes.slice(0, 20).map((outcome) => outcome.report?.findings[0]?.range.start.line), requests.slice(0, 20).map((_, index) => 3 + index));
    assert.equal(parallel.outcomes[20].ioFailed, true);
  });

  it('stops a worker whose file runs past its wall-clock limit, reports the file as skipped, and goes on with a fresh worker', async () => {
    const slow = join(folder, 'slow.py');
    writeFileSync(slow, 'def f(x):\n    return [y for y in x if y == None]\n'.repeat(20000));
    // A 1 ms budget and no slack: reading alone takes longer, so the watchdog, not the engine, ends it.
    const run = await checkFiles([{ file: slow, path: 'slow.py', options: { timeBudgetMs: 1 }, fix: false }, requests[3]], 1, { memoryLimitMb: 1024, slackMs: 0 });
    assert.equal(run.outcomes[0].report?.skipReason, 'timeout');
    assert.match(run.outcomes[0].report!.skipped!, /ran past 2 ms, so its worker was stopped and replaced/);
    assert.deepEqual(run.outcomes[1], (await checkFiles([requests[3]], 1)).outcomes[0]);
    assert.ok(run.replacedWorkers >= 1);
  });

  it('stops a worker that needs more memory than the limit, and analyzes the next file normally', async () => {
    const hungry = join(folder, 'hungry.py');
    writeFileSync(hungry, 'eval(x)\n'.repeat(20000));
    const run = await checkFiles([{ file: hungry, path: 'hungry.py', options: { timeBudgetMs: 60000 }, fix: false }, requests[5]], 1, { memoryLimitMb: 16 });
    assert.equal(run.outcomes[0].report?.skipReason, 'memory');
    assert.match(run.outcomes[0].report!.skipped!, /needed more than 16 MB, so its worker was stopped and replaced/);
    assert.equal(run.outcomes[1].report?.findings[0]?.ruleId, 'unsafe-deserialization');
  });

  it('uses one job for a handful of files and never more than asked', () => {
    assert.equal(jobCount('auto', 3), 1);
    assert.ok(jobCount('auto', 10_000) >= 1);
    assert.equal(jobCount(3, 1), 3);
  });
});
