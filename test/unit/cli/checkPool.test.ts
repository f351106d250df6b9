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

  it('checks on two worker threads and returns what the main thread returns, in order', async () => {
    const parallel = await checkFiles(requests, 2);
    const single = await checkFiles(requests, 1);
    // Both workers start; a fast one may take every file before the other is ready.
    assert.ok(parallel.workers >= 1);
    assert.equal(single.workers, 0);
    assert.deepEqual(parallel.outcomes, single.outcomes);
    assert.deepEqual(parallel.outcomes.slice(0, 20).map((outcome) => outcome.report?.findings[0]?.range.start.line), requests.slice(0, 20).map((_, index) => 3 + index));
    assert.equal(parallel.outcomes[20].ioFailed, true);
  });

  it('uses one job for a handful of files and never more than asked', () => {
    assert.equal(jobCount('auto', 3), 1);
    assert.ok(jobCount('auto', 10_000) >= 1);
    assert.equal(jobCount(3, 1), 3);
  });
});
