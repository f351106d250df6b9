// Files as files: only regular files are read, sizes are checked on the stat, names that are not
// UTF-8 are walked and shown escaped, and skipped files are reported in every format.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, openSync, closeSync, ftruncateSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeName } from '../../../src/cli/pathNames';
import { runCli } from '../../support/runCli';

describe('llama-review check: special files and names', () => {
  let project: string;
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'llama-review-special-'));
    mkdirSync(join(project, '.git'));
    writeFileSync(join(project, 'app.py'), 'eval(x)\n');
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('skips a FIFO named on the command line instead of blocking on it', async () => {
    execFileSync('mkfifo', [join(project, 'pipe.py')]);
    const { code, stdout, stderr } = await runCli(['check', 'pipe.py', 'app.py'], project);
    assert.equal(code, 1, stderr);
    assert.match(stderr, /pipe\.py: Skipped: it is a FIFO; only regular files are read\./);
    assert.match(stdout, /^app\.py:1:1: warning eval-used/m);
    assert.match(stdout, /^pipe\.py: Skipped: it is a FIFO/m);
  });

  it('skips a FIFO found in a folder, with a notice', async () => {
    execFileSync('mkfifo', [join(project, 'pipe.py')]);
    const { stderr, stdout } = await runCli(['check', '.'], project);
    assert.match(stderr, /pipe\.py: Skipped: it is a FIFO/);
    assert.match(stdout, /1 finding in 2 files; 1 not reviewed \(skipped\)\./);
  });

  it('skips a link to /dev/zero without reading it', async () => {
    symlinkSync('/dev/zero', join(project, 'zero.py'));
    const { stderr } = await runCli(['check', 'zero.py'], project);
    assert.match(stderr, /zero\.py: Skipped: it is a device; only regular files are read\./);
  });

  it('checks the size on the stat: a 4 GB sparse file is skipped at once', async () => {
    const descriptor = openSync(join(project, 'huge.py'), 'w');
    ftruncateSync(descriptor, 4 * 1024 ** 3);
    closeSync(descriptor);
    const { code, stderr } = await runCli(['check', '--strict', 'huge.py'], project);
    assert.match(stderr, /huge\.py: Skipped: the file is 4096\.0 MB, over the 2\.0 MB analysis limit\./);
    assert.equal(code, 2, '--strict makes a skipped file an error');
  });

  it('walks and reports a file whose name is not UTF-8, and escapes it', async () => {
    const folder = Buffer.from(join(project, 'pkg'));
    mkdirSync(folder);
    const name = Buffer.concat([folder, Buffer.from('/caf'), Buffer.from([0xe9]), Buffer.from('.py')]);
    writeFileSync(name, 'eval(x)\n');
    const { code, stdout } = await runCli(['check', '--format', 'json', 'pkg'], project);
    assert.equal(code, 1);
    assert.deepEqual((JSON.parse(stdout) as { file: string }[]).map((row) => row.file), ['pkg/caf\\xe9.py']);
    const sarif = JSON.parse((await runCli(['check', '--format', 'sarif', 'pkg'], project)).stdout);
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'pkg/caf%E9.py');
  });

  it('escapes control characters in names for the terminal', async () => {
    writeFileSync(join(project, 'bad\u001b[31mname.py'), 'eval(x)\n');
    const { stdout } = await runCli(['check', '.'], project);
    assert.match(stdout, /^bad\\x1b\[31mname\.py:1:1: warning eval-used/m);
    assert.ok(!stdout.includes('\u001b'));
    assert.equal(escapeName(Buffer.from('a\\b\u202e\n')), 'a\\\\b\\u{202e}\\x0a');
  });

  it('lists skipped files in SARIF as tool execution notifications with their reason', async () => {
    execFileSync('mkfifo', [join(project, 'pipe.py')]);
    const { stdout } = await runCli(['check', '--format', 'sarif', 'pipe.py', 'app.py'], project);
    const [notification] = JSON.parse(stdout).runs[0].invocations[0].toolExecutionNotifications;
    assert.equal(notification.descriptor.id, 'skipped/not-a-file');
    assert.equal(notification.locations[0].physicalLocation.artifactLocation.uri, 'pipe.py');
    assert.match(notification.message.text, /pipe\.py: Skipped: it is a FIFO/);
  });
});
