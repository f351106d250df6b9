// The CLI's check command: formats, exit codes, file walking, fixes.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReportedSeverities, repositoryRoot, testCodeFixturesRoot } from '../../support/fixtures';
import { runCli as cli } from '../../support/runCli';

describe('llama-review check', () => {
  let project: string;

  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'llama-review-cli-'));
    mkdirSync(join(project, '.git'));
    mkdirSync(join(project, 'pkg'));
    mkdirSync(join(project, 'build'));
    writeFileSync(join(project, '.gitignore'), 'build/\n*_generated.py\n');
    writeFileSync(join(project, 'pkg', 'app.py'), 'import os\n\ndef run(data):\n    if data == None:\n        return\n    return eval(data)\n');
    writeFileSync(join(project, 'pkg', 'clean.py'), 'def add(a, b):\n    return a + b\n');
    writeFileSync(join(project, 'pkg', 'notes.txt'), 'eval(x)\n');
    writeFileSync(join(project, 'pkg', 'schema_generated.py'), 'eval(x)\n');
    writeFileSync(join(project, 'build', 'out.py'), 'eval(x)\n');
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('prints text findings and exits 1 when there are findings', async () => {
    const { code, stdout } = await cli(['check'], project);
    assert.equal(code, 1);
    assert.match(stdout, /^pkg\/app\.py:6:12: warning eval-used \(B307, S307\): /m);
    assert.match(stdout, /^pkg\/app\.py:4:8: info compare-to-none/m);
  });

  it('skips non-Python and .gitignore\'d files', async () => {
    const { stdout } = await cli(['check', '--format', 'json'], project);
    const files = new Set((JSON.parse(stdout) as { file: string }[]).map((row) => row.file));
    assert.deepEqual([...files], ['pkg/app.py']);
  });

  it('exits 0 on a clean file', async () => {
    const { code, stdout } = await cli(['check', 'pkg/clean.py'], project);
    assert.equal(code, 0);
    assert.match(stdout, /No findings in 1 file/);
  });

  it('writes JSON rows with 1-based positions and the documented fields', async () => {
    const { stdout } = await cli(['check', '--format=json', '--select', 'eval-used'], project);
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    assert.equal(rows.length, 1);
    assert.deepEqual(Object.keys(rows[0]).sort(), ['aliases', 'column', 'confidence', 'cwe', 'endColumn', 'endLine', 'file', 'line', 'message', 'ruleId', 'severity'].sort());
    assert.deepEqual([rows[0].line, rows[0].column, rows[0].endLine, rows[0].endColumn], [6, 12, 6, 22]);
    assert.equal(rows[0].cwe, 95);
  });

  it('includes a fix in JSON when the rule has one', async () => {
    const { stdout } = await cli(['check', '--format', 'json', '--select', 'E711'], project);
    const [row] = JSON.parse(stdout) as { fix?: { edits: { newText: string }[] } }[];
    assert.equal(row.fix?.edits[0].newText, 'is');
  });

  it('writes SARIF 2.1.0 with rules, help, CWE tags and regions', async () => {
    const { stdout } = await cli(['check', '--format', 'sarif'], project);
    const log = JSON.parse(stdout);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    const rules = run.tool.driver.rules as { id: string; help: { text: string }; properties: { tags: string[] } }[];
    const evalRule = rules.find((rule) => rule.id === 'eval-used')!;
    assert.ok(evalRule.help.text.length > 20);
    assert.ok(evalRule.properties.tags.includes('external/cwe/cwe-95'));
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'eval-used');
    assert.equal(rules[result.ruleIndex].id, 'eval-used');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'pkg/app.py');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 6, startColumn: 12, endLine: 6, endColumn: 22 });
  });

  it('gives each SARIF result a partial fingerprint that survives lines added above it', async () => {
    const fingerprintOf = async () => {
      const run = JSON.parse((await cli(['check', '--format', 'sarif', '--select', 'eval-used'], project)).stdout).runs[0];
      return run.results[0].partialFingerprints['llamaReviewContent/v1'] as string;
    };
    const before = await fingerprintOf();
    assert.match(before, /^[0-9a-f]{16,}$/);
    const path = join(project, 'pkg', 'app.py');
    writeFileSync(path, '# a new first line\n\n' + readFileSync(path, 'utf8'));
    assert.equal(await fingerprintOf(), before);
  });

  it('exits 2 with a message for a missing path or a bad option', async () => {
    const missing = await cli(['check', 'nope.py'], project);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.py: No such file/);
    const badFormat = await cli(['check', '--format', 'xml'], project);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format/);
    const unknown = await cli(['check', '--frobnicate'], project);
    assert.equal(unknown.code, 2);
    assert.equal((await cli(['nonsense'], project)).code, 2);
  });

  it('honours --ignore and --exit-zero', async () => {
    const ignored = await cli(['check', '--ignore', 'S307,E711'], project);
    assert.equal(ignored.code, 0);
    assert.equal((await cli(['check', '--exit-zero'], project)).code, 0);
  });

  it('applies fixes in place with --fix (compare-to-none\'s are unsafe, so with --unsafe-fixes)', async () => {
    const { code } = await cli(['check', '--fix', '--unsafe-fixes', '--select', 'E711'], project);
    assert.equal(code, 0);
    assert.match(readFileSync(join(project, 'pkg', 'app.py'), 'utf8'), /if data is None:/);
  });

  it('reports binary and non-UTF-8 files without failing', async () => {
    writeFileSync(join(project, 'pkg', 'blob.py'), Buffer.from([0, 1, 2, 3, 0xff, 0]));
    writeFileSync(join(project, 'pkg', 'latin.py'), Buffer.concat([Buffer.from('s = "caf'), Buffer.from([0xe9]), Buffer.from('"\neval(s + data)\n')]));
    const { code, stdout, stderr } = await cli(['check', '--format', 'json', 'pkg'], project);
    assert.equal(code, 1);
    assert.match(stderr, /blob\.py: Skipped: the file looks binary/);
    assert.ok((JSON.parse(stdout) as { file: string }[]).some((row) => row.file === 'pkg/latin.py'));
  });

  it('gives the same report with worker threads as on one thread, fixes included', async () => {
    // Enough files, each with findings, that two workers share them.
    for (let index = 0; index < 24; index++) {
      writeFileSync(join(project, 'pkg', `module_${index}.py`), `import yaml\n\ndef load_${index}(blob, x):\n    if x == None:\n        return yaml.load(blob)\n    return eval(blob)\n`);
    }
    const single = await cli(['check', '--format', 'json', '--jobs', '1'], project);
    const parallel = await cli(['check', '--format', 'json', '--jobs', '2'], project);
    assert.equal(parallel.code, 1);
    assert.equal(parallel.stdout, single.stdout);
    const rows = JSON.parse(parallel.stdout) as { file: string }[];
    assert.ok(rows.filter((row) => row.file.startsWith('pkg/module_')).length >= 24 * 3);

    const fixed = await cli(['check', '--fix', '--unsafe-fixes', '--select', 'E711', '--jobs', '2'], project);
    assert.equal(fixed.code, 0);
    assert.match(fixed.stderr, /applied 25 fixes/);
    for (let index = 0; index < 24; index++) assert.match(readFileSync(join(project, 'pkg', `module_${index}.py`), 'utf8'), /if x is None:/);
  });

  it('reports the demoted rules in test code as hints, unless --no-test-demotion', async () => {
    cpSync(testCodeFixturesRoot, join(project, 'suite'), { recursive: true });
    const rows = async (...flags: string[]) => {
      const { stdout } = await cli(['check', '--format', 'json', '--select', 'security,reliability', ...flags, 'suite'], project);
      return (JSON.parse(stdout) as { file: string; line: number; ruleId: string; severity: string }[]).map((row) => `${row.file}:${row.line}:${row.ruleId}:${row.severity}`).sort();
    };
    const files = ['app/client.py', 'app/client_test.py', 'app/conftest.py', 'tests/test_client.py'];
    const claimed = files.flatMap((file) =>
      readReportedSeverities(readFileSync(join(testCodeFixturesRoot, file), 'utf8')).map((claim) => `suite/${file}:${claim.line + 1}:${claim.ruleId}:${claim.severity}`),
    );
    assert.deepEqual(await rows(), claimed.sort());
    const applicationSeverities = new Map(readReportedSeverities(readFileSync(join(testCodeFixturesRoot, 'app', 'client.py'), 'utf8')).map((claim) => [claim.ruleId, claim.severity]));
    const undemoted = claimed.map((row) => row.replace(/:([a-z0-9-]+):[a-z]+$/, (_all, ruleId: string) => `:${ruleId}:${applicationSeverities.get(ruleId)}`));
    assert.deepEqual(await rows('--no-test-demotion'), undemoted.sort());
  });

  it('rejects a --jobs value that is not a positive number', async () => {
    const { code, stderr } = await cli(['check', '--jobs', '0'], project);
    assert.equal(code, 2);
    assert.match(stderr, /--jobs/);
  });

  it('runs as an installed command from the checkout', async () => {
    const output = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [join(repositoryRoot, 'bin', 'llama-review.js'), 'check', '--format', 'json', 'pkg/app.py'], { cwd: project }, (error, stdout) => {
        resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout });
      });
    });
    assert.equal(output.code, 1);
    assert.ok((JSON.parse(output.stdout) as unknown[]).length >= 2);
  });
});
