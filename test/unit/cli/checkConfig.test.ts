// `llama-review check` with project configuration files: discovery per file, command-line
// precedence, exclusion, and problems that are reported without stopping the review.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli as cli } from '../../support/runCli';

describe('llama-review check with a configuration file', () => {
  let project: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  };
  const flagged = 'import hashlib\n\ndef f(x):\n    if x == None:\n        return hashlib.md5(x)\n';
  const rows = (stdout: string) => (JSON.parse(stdout) as { file: string; ruleId: string; severity: string }[]).map((row) => `${row.file} ${row.ruleId} ${row.severity}`);

  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'llama-review-cli-config-'));
    mkdirSync(join(project, '.git'));
    write('app/main.py', flagged);
    write('generated/out.py', flagged);
    write('pyproject.toml', '[project]\nname = "demo"\n\n[tool.llama-review]\nignore = ["compare-to-none"]\nextend-exclude = ["generated/"]\n\n[tool.llama-review.severity]\nweak-hash = "error"\n');
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('applies the nearest configuration: ignores, severities, exclusions', async () => {
    const { stdout, stderr } = await cli(['check', '--format', 'json'], project);
    assert.deepEqual(rows(stdout), ['app/main.py weak-hash error']);
    assert.equal(stderr, '');
  });

  it('gives each project of a monorepo its own configuration', async () => {
    write('services/api/llama-review.toml', 'select = ["compare-to-none"]\n');
    write('services/api/views.py', flagged);
    const { stdout } = await cli(['check', '--format', 'json'], project);
    assert.deepEqual(rows(stdout), ['app/main.py weak-hash error', 'services/api/views.py compare-to-none info']);
  });

  it('lets --select replace the selection and --ignore add to it', async () => {
    const selected = await cli(['check', '--format', 'json', '--select', 'compare-to-none'], project);
    assert.deepEqual(rows(selected.stdout), ['app/main.py compare-to-none info']);
    const ignored = await cli(['check', '--format', 'json', '--ignore', 'weak-hash'], project);
    assert.deepEqual(rows(ignored.stdout), []);
  });

  it('reports a bad key with its file and line, and reviews with the rest', async () => {
    write('pyproject.toml', '[tool.llama-review]\nignore = ["compare-to-none"]\nselct = ["S"]\n\n[tool.llama-review.severity]\nweak-hash = "loud"\n');
    const { code, stdout, stderr } = await cli(['check', '--format', 'json'], project);
    assert.equal(code, 1);
    assert.deepEqual(rows(stdout), ['app/main.py weak-hash warning', 'generated/out.py weak-hash warning']);
    assert.match(stderr, /^llama-review: pyproject\.toml:3: \[tool\.llama-review\] selct: unknown key/m);
    assert.match(stderr, /^llama-review: pyproject\.toml:6: \[tool\.llama-review\] severity\.weak-hash: must be one of/m);
  });

  it('reports a syntax error and reviews with the defaults', async () => {
    write('pyproject.toml', '[tool.llama-review]\nignore = ["compare-to-none"\n');
    const { stdout, stderr } = await cli(['check', '--format', 'json', 'app'], project);
    assert.deepEqual(rows(stdout), ['app/main.py compare-to-none info', 'app/main.py weak-hash warning']);
    assert.match(stderr, /pyproject\.toml:\d+: not valid TOML/);
  });

  it('skips an excluded file even when it is named, and says so', async () => {
    const { code, stdout, stderr } = await cli(['check', '--format', 'json', 'generated/out.py'], project);
    assert.equal(code, 0);
    assert.deepEqual(rows(stdout), []);
    assert.match(stderr, /generated\/out\.py: excluded by the project configuration/);
  });

  it('--no-config ignores the file; --config names one for every file', async () => {
    const none = await cli(['check', '--format', 'json', '--no-config'], project);
    assert.deepEqual(rows(none.stdout), ['app/main.py compare-to-none info', 'app/main.py weak-hash warning', 'generated/out.py compare-to-none info', 'generated/out.py weak-hash warning']);
    write('ci/strict.toml', 'select = ["compare-to-none"]\n');
    const named = await cli(['check', '--format', 'json', '--config', 'ci/strict.toml', 'app'], project);
    assert.deepEqual(rows(named.stdout), ['app/main.py compare-to-none info']);
    const missing = await cli(['check', '--config', 'ci/none.toml'], project);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the configuration ci\/none\.toml/);
  });

  it('does not read a configuration above the repository root', async () => {
    const inner = join(project, 'inner');
    mkdirSync(join(inner, '.git'), { recursive: true });
    writeFileSync(join(inner, 'a.py'), flagged);
    const { stdout } = await cli(['check', '--format', 'json'], inner);
    assert.deepEqual(rows(stdout), ['a.py compare-to-none info', 'a.py weak-hash warning']);
  });
});
