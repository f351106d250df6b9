// `llama-review check --write-baseline / --baseline`: a baseline written, lines moved, a finding
// added, and only that one reported.
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as cli } from '../../support/runCli';

interface Row {
  file: string;
  line: number;
  ruleId: string;
}

const app = ['import os', '', 'def run(data):', '    eval(data)', '    eval(data)', '    if data == None:', '        return', ''].join('\n');

describe('llama-review check with a baseline', () => {
  let project: string;

  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'llama-review-baseline-'));
    mkdirSync(join(project, 'pkg'));
    writeFileSync(join(project, 'pkg', 'app.py'), app);
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  const rows = (stdout: string) => (JSON.parse(stdout) as Row[]).map((row) => `${row.file}:${row.line} ${row.ruleId}`);
  const check = (...args: string[]) => cli(['check', '--select', 'eval-used,compare-to-none', ...args], project);

  it('writes the findings as a versioned, sorted JSON file and exits 0 without a report', async () => {
    const { code, stdout, stderr } = await check('--write-baseline', 'baseline.json');
    assert.equal(code, 0);
    assert.equal(stdout, '');
    assert.match(stderr, /wrote 3 findings to the baseline baseline\.json/);
    const baseline = JSON.parse(readFileSync(join(project, 'baseline.json'), 'utf8'));
    assert.equal(baseline.version, 1);
    assert.equal(typeof baseline.toolVersion, 'string');
    assert.deepEqual(baseline.findings.map((entry: { path: string; line: number; rule: string }) => `${entry.path}:${entry.line} ${entry.rule}`), [
      'pkg/app.py:4 eval-used',
      'pkg/app.py:5 eval-used',
      'pkg/app.py:6 compare-to-none',
    ]);
    assert.match(baseline.findings[0].fingerprint, /^[0-9a-f]{20}$/);
  });

  it('reports only the finding added since, after lines moved, and counts the rest', async () => {
    await check('--write-baseline', 'baseline.json');
    // Three lines above, and a third identical eval() below the other two.
    writeFileSync(join(project, 'pkg', 'app.py'), app.replace('import os\n', 'import os\nimport sys\n\n\n').replace('    eval(data)\n    if', '    eval(data)\n    eval(data)\n    if'));
    const { code, stdout, stderr } = await check('--baseline', 'baseline.json', '--format', 'json');
    assert.equal(code, 1);
    assert.deepEqual(rows(stdout), ['pkg/app.py:9 eval-used']);
    assert.match(stderr, /3 findings in the baseline baseline\.json not shown/);
    assert.doesNotMatch(stderr, /stale/);
  });

  it('counts the baseline entries no longer found as stale, and exits 0 when nothing is new', async () => {
    await check('--write-baseline', 'baseline.json');
    writeFileSync(join(project, 'pkg', 'app.py'), app.replace('    if data == None:\n        return\n', ''));
    const { code, stdout, stderr } = await check('--baseline', 'baseline.json');
    assert.equal(code, 0);
    assert.match(stdout, /No findings in 1 file/);
    assert.match(stderr, /2 findings in the baseline baseline\.json not shown; 1 baseline entry no longer found \(stale\)/);
  });

  it('names files relative to the baseline, so it matches from another working folder', async () => {
    await check('--write-baseline', 'baseline.json');
    const { code, stderr } = await cli(['check', '--select', 'eval-used,compare-to-none', '--baseline', '../baseline.json', '.'], join(project, 'pkg'));
    assert.equal(code, 0, stderr);
  });

  it('filters SARIF output the same way', async () => {
    await check('--write-baseline', 'baseline.json');
    writeFileSync(join(project, 'pkg', 'new.py'), 'eval(x)\n');
    const { stdout } = await check('--baseline', 'baseline.json', '--format', 'sarif');
    const results = JSON.parse(stdout).runs[0].results as { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    assert.deepEqual(results.map((result) => result.locations[0].physicalLocation.artifactLocation.uri), ['pkg/new.py']);
  });

  it('stops with a usage error when the baseline is missing or not a baseline', async () => {
    const missing = await check('--baseline', 'nowhere.json');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--baseline nowhere\.json: no such file; write one with --write-baseline FILE/);
    assert.equal(missing.stdout, '', 'no file is checked');

    writeFileSync(join(project, 'broken.json'), '{"version": 1, "findings": [{"rule": 1}]}');
    const corrupt = await check('--baseline', 'broken.json');
    assert.equal(corrupt.code, 2);
    assert.match(corrupt.stderr, /broken\.json is not a usable baseline: entry 1/);

    const both = await check('--write-baseline', 'a.json', '--baseline', 'broken.json');
    assert.equal(both.code, 2);
    assert.match(both.stderr, /does not combine/);
  });
});
