// `llama-review check --diff [REF]` against a git repository made here: two commits, then a
// modified file, a renamed one, an untracked one and a deleted one in the working tree.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as cli } from '../../support/runCli';

const hasGit = spawnSync('git', ['--version']).status === 0;

function git(folder: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: folder, stdio: 'pipe' });
}

function rows(stdout: string): string[] {
  return (JSON.parse(stdout) as { file: string; line: number }[]).map((row) => `${row.file}:${row.line}`);
}

describe('llama-review check --diff', () => {
  let repo: string;

  before(function () {
    if (!hasGit) {
      console.warn('    git is not installed here: skipping the --diff tests that need a repository.');
      this.skip();
    }
  });

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'llama-review-diff-'));
    git(repo, 'init', '-q');
    mkdirSync(join(repo, 'pkg'));
    writeFileSync(join(repo, 'pkg', 'app.py'), 'def run(a):\n    return eval(a)\n');
    writeFileSync(join(repo, 'pkg', 'old name.py'), 'eval(x)\n\n\n\n\n\n');
    writeFileSync(join(repo, 'gone.py'), 'eval(y)\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'first');
    writeFileSync(join(repo, 'pkg', 'app.py'), 'def run(a):\n    return eval(a)\n\n\ndef walk(b):\n    return eval(b)\n');
    git(repo, 'commit', '-q', '-am', 'second');
    // The working tree: a new finding in app.py, a rename with one new line, an untracked file, a deletion.
    writeFileSync(join(repo, 'pkg', 'app.py'), 'def run(a):\n    return eval(a)\n\n\ndef walk(b):\n    return eval(b)\n\n\ndef fly(c):\n    return eval(c)\n');
    git(repo, 'mv', 'pkg/old name.py', 'pkg/nouveau é.py');
    writeFileSync(join(repo, 'pkg', 'nouveau é.py'), 'eval(x)\n\n\n\n\n\neval(z)\n');
    writeFileSync(join(repo, 'pkg', 'fresh.py'), 'import os\n\neval(w)\n');
    rmSync(join(repo, 'gone.py'));
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  const check = (cwd: string, ...args: string[]) => cli(['check', '--select', 'eval-used', '--format', 'json', ...args], cwd);

  it('reports only findings on lines changed since HEAD, untracked files wholly, a renamed file by its changed lines', async () => {
    const { code, stdout, stderr } = await check(repo, '--diff');
    assert.equal(code, 1, stderr);
    assert.deepEqual(rows(stdout), ['pkg/app.py:10', 'pkg/fresh.py:3', 'pkg/nouveau é.py:7']);
    assert.match(stderr, /3 findings outside the lines changed since HEAD not shown \(3 changed files\)/);
  });

  it('compares with an older commit, and runs git from the folder that is checked', async () => {
    const { stdout } = await check(join(repo, 'pkg'), '--diff', 'HEAD~1', '.');
    assert.deepEqual(rows(stdout), ['app.py:6', 'app.py:10', 'fresh.py:3', 'nouveau é.py:7']);
    const equals = await check(repo, '--diff=HEAD~1', 'pkg/app.py');
    assert.deepEqual(rows(equals.stdout), ['pkg/app.py:6', 'pkg/app.py:10']);
  });

  it('composes with a baseline', async () => {
    await cli(['check', '--select', 'eval-used', '--write-baseline', 'baseline.json'], repo);
    writeFileSync(join(repo, 'pkg', 'fresh.py'), 'import os\n\neval(w)\neval(v)\n');
    const { stdout, stderr } = await check(repo, '--baseline', 'baseline.json', '--diff');
    assert.deepEqual(rows(stdout), ['pkg/fresh.py:4']);
    assert.match(stderr, /6 findings in the baseline/);
  });

  it('says so when the revision is unknown, or is a path given where the revision goes', async () => {
    const unknown = await check(repo, '--diff', 'no-such-branch');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--diff no-such-branch: git diff failed: .*no-such-branch/);
    const path = await check(repo, '--diff', 'pkg');
    assert.equal(path.code, 2);
    assert.match(path.stderr, /"pkg" is a path: write --diff HEAD pkg/);
    const option = await check(repo, '--diff=--output=x');
    assert.equal(option.code, 2);
    assert.match(option.stderr, /is not a revision/);
  });
});

describe('llama-review check --diff without git', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'llama-review-nogit-'));
    writeFileSync(join(folder, 'app.py'), 'eval(x)\n');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('is a usage error outside a repository', async function () {
    if (!hasGit) this.skip();
    const { code, stderr, stdout } = await cli(['check', '--diff'], folder);
    assert.equal(code, 2);
    assert.match(stderr, /--diff HEAD: .* is not inside a git repository/);
    assert.equal(stdout, '');
  });

  it('is a usage error when git cannot be found', async () => {
    const emptyBin = join(folder, 'empty-bin');
    mkdirSync(emptyBin);
    const path = process.env.PATH;
    process.env.PATH = emptyBin;
    try {
      const { code, stderr } = await cli(['check', '--diff'], folder);
      assert.equal(code, 2);
      assert.match(stderr, /--diff HEAD: git was not found/);
    } finally {
      process.env.PATH = path;
    }
  });
});
