// .gitignore in `llama-review check`: what it leaves out, the notice when it left out everything,
// --no-gitignore, and files named on the command line (checked even when ignored, as Ruff does).
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as cli } from '../../support/runCli';

const notice = (count: string) => `llama-review: .gitignore excluded ${count}; --no-gitignore to include them\n`;

describe('llama-review check and .gitignore', () => {
  let project: string;

  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'llama-review-gitignore-'));
    mkdirSync(join(project, '.git'));
    for (const folder of ['build/nested', 'pkg', 'node_modules/dep', '.venv/lib']) mkdirSync(join(project, folder), { recursive: true });
    writeFileSync(join(project, '.gitignore'), 'build/\n*_generated.py\n');
    writeFileSync(join(project, 'build', 'out.py'), 'eval(x)\n');
    writeFileSync(join(project, 'build', 'nested', 'deep.py'), 'eval(x)\n');
    writeFileSync(join(project, 'build', 'notes.txt'), 'eval(x)\n');
    writeFileSync(join(project, 'pkg', 'schema_generated.py'), 'eval(x)\n');
    writeFileSync(join(project, 'node_modules', 'dep', 'tool.py'), 'eval(x)\n');
    writeFileSync(join(project, '.venv', 'lib', 'site.py'), 'eval(x)\n');
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('says how many files .gitignore excluded when nothing was left to check', async () => {
    const { code, stdout, stderr } = await cli(['check'], project);
    assert.equal(code, 0);
    assert.equal(stderr, notice('3 files'), 'build/out.py, build/nested/deep.py and pkg/schema_generated.py; not the .txt, not node_modules or .venv');
    assert.match(stdout, /No findings in 0 files/);
  });

  it('counts the files of a named folder that .gitignore excludes', async () => {
    assert.equal((await cli(['check', 'build'], project)).stderr, notice('2 files'));
    assert.equal((await cli(['check', 'pkg'], project)).stderr, notice('1 file'));
    assert.equal((await cli(['check', '.', 'build'], project)).stderr, notice('3 files'), 'a folder named twice counts its files once');
  });

  it('says nothing when some file was left to check', async () => {
    writeFileSync(join(project, 'pkg', 'app.py'), 'x = 1\n');
    const { code, stderr } = await cli(['check'], project);
    assert.equal(code, 0);
    assert.equal(stderr, '');
  });

  it('walks without the .gitignore rules with --no-gitignore, still skipping node_modules and virtual environments', async () => {
    const { code, stdout, stderr } = await cli(['check', '--no-gitignore', '--format', 'json'], project);
    assert.equal(code, 1);
    assert.equal(stderr, '');
    const files = (JSON.parse(stdout) as { file: string }[]).map((row) => row.file).sort();
    assert.deepEqual(files, ['build/nested/deep.py', 'build/out.py', 'pkg/schema_generated.py']);
  });

  it('checks a .gitignore\'d file named on the command line, without a notice', async () => {
    const { code, stdout, stderr } = await cli(['check', 'build/out.py', 'pkg/schema_generated.py'], project);
    assert.equal(code, 1);
    assert.equal(stderr, '');
    assert.match(stdout, /^build\/out\.py:1:1: warning eval-used/m);
    assert.match(stdout, /^pkg\/schema_generated\.py:1:1: warning eval-used/m);
  });
});
