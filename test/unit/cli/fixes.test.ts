// `--fix` keeps the file: its encoding, byte order mark and line breaks, and every byte outside
// the fixes' edits; all fixes that do not overlap go in at once, the rest in later rounds. It
// applies the safe fixes only; `--unsafe-fixes` adds the others.
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSource, encodeSource } from '../../../src/cli/sourceEncoding';
import { runCli } from '../../support/runCli';

/** `bytes` with every `from` (ASCII) replaced by `to`: the only change a fix may make. */
function replaceBytes(bytes: Buffer, from: string, to: string): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (let found = bytes.indexOf(from, start, 'latin1'); found >= 0; found = bytes.indexOf(from, start, 'latin1')) {
    parts.push(bytes.subarray(start, found), Buffer.from(to, 'latin1'));
    start = found + from.length;
  }
  parts.push(bytes.subarray(start));
  return Buffer.concat(parts);
}

describe('llama-review check --fix', () => {
  let project: string;
  const file = () => join(project, 'app.py');
  // Unsafe fixes included: these tests are about the bytes written, whatever the fix.
  const fix = (...args: string[]) => runCli(['check', '--fix', '--unsafe-fixes', ...args, 'app.py'], project);
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'llama-review-fix-'));
    mkdirSync(join(project, '.git'));
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('keeps a latin-1 file latin-1: only the edited bytes change', async () => {
    const original = Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\nname = "caf'), Buffer.from([0xe9]), Buffer.from('"\nif name == None:\n    pass\n')]);
    writeFileSync(file(), original);
    const { stderr } = await fix('--select', 'E711');
    assert.match(stderr, /applied 1 fix/);
    assert.deepEqual(readFileSync(file()), replaceBytes(original, '== None', 'is None'));
  });

  it('keeps the UTF-8 byte order mark and CRLF line breaks', async () => {
    const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('import requests\r\nx = "é"\r\nif x == None:\r\n    requests.get(url)\r\n')]);
    writeFileSync(file(), original);
    await fix('--select', 'E711,B113');
    const expected = replaceBytes(replaceBytes(original, '== None', 'is None'), 'get(url)', 'get(url, timeout=10)');
    assert.deepEqual(readFileSync(file()), expected);
  });

  it('writes inserted lines with the file\'s own line break: CR-only stays CR-only', async () => {
    writeFileSync(file(), 'import requests\rpassword = "s3cr3tP4ssw0rd!"\rif password == None:\r    pass\r');
    await fix('--select', 'S105,E711');
    const fixed = readFileSync(file(), 'latin1');
    assert.equal(fixed, 'import os\rimport requests\rpassword = os.environ["PASSWORD"]\rif password is None:\r    pass\r');
  });

  it('applies every fix of a line in one run', async () => {
    const original = 'def check(a, b):\n    return a == None or b != None or a == None\n';
    writeFileSync(file(), original);
    const { stderr, code } = await fix('--select', 'E711');
    assert.match(stderr, /applied 3 fixes/);
    assert.equal(code, 0);
    assert.equal(readFileSync(file(), 'utf8'), 'def check(a, b):\n    return a is None or b is not None or a is None\n');
  });

  it('applies fixes that had to wait in later rounds, until none are left', async () => {
    // Both fixes insert `import os` at the same point, so the second waits for the next round.
    writeFileSync(file(), 'password = "s3cr3tP4ssw0rd!"\nsecret_token = "Zx81kQ03mmT4pa9VvR2c"\n');
    const { stderr } = await fix('--select', 'S105');
    assert.match(stderr, /applied 2 fixes/);
    assert.equal(readFileSync(file(), 'utf8'), 'import os\npassword = os.environ["PASSWORD"]\nsecret_token = os.environ["SECRET_TOKEN"]\n');
  });

  it('refuses to fix a file that is not valid UTF-8, and leaves its bytes alone', async () => {
    const original = Buffer.concat([Buffer.from('x = "'), Buffer.from([0xff, 0xfe]), Buffer.from('"\nif x == None:\n    pass\n')]);
    writeFileSync(file(), original);
    const { stderr, code } = await fix('--select', 'E711');
    assert.match(stderr, /app\.py: not fixed: it is not valid UTF-8, so fixes could not be written back exactly\./);
    assert.equal(code, 1);
    assert.deepEqual(readFileSync(file()), original);
  });

  it('fixes a cp1252 file byte for byte, and refuses a Shift-JIS one', async () => {
    const cp1252 = Buffer.concat([Buffer.from('# coding: cp1252\ns = "'), Buffer.from([0x80, 0xe9, 0x93]), Buffer.from('"\nif s == None:\n    pass\n')]);
    writeFileSync(file(), cp1252);
    await fix('--select', 'E711');
    assert.deepEqual(readFileSync(file()), replaceBytes(cp1252, '== None', 'is None'));

    const shiftJis = Buffer.concat([Buffer.from('# coding: shift_jis\ns = "'), Buffer.from([0x82, 0xa0]), Buffer.from('"\nif s == None:\n    pass\n')]);
    writeFileSync(file(), shiftJis);
    const { stderr } = await fix('--select', 'E711');
    assert.match(stderr, /not fixed: its encoding \(shift_jis\) cannot be written back byte for byte/);
    assert.deepEqual(readFileSync(file()), shiftJis);
  });
});

describe('llama-review check: safe and unsafe fixes', () => {
  let project: string;
  const file = () => join(project, 'app.py');
  const original = 'import requests\npassword = "s3cr3tP4ssw0rd!"\nrequests.get(url)\n';
  const check = (...args: string[]) => runCli(['check', '--select', 'S105,B113', ...args, 'app.py'], project);
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'llama-review-unsafe-'));
    mkdirSync(join(project, '.git'));
    writeFileSync(file(), original);
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('--fix applies the safe fix and leaves the unsafe one, which the report names as such', async () => {
    const { stdout, stderr } = await check('--fix');
    assert.match(stderr, /applied 1 fix\./);
    assert.equal(readFileSync(file(), 'utf8'), 'import requests\npassword = "s3cr3tP4ssw0rd!"\nrequests.get(url, timeout=10)\n');
    assert.match(stdout, /^app\.py:2:12: .*hardcoded-password-assignment.* \[unsafe fix available\]$/m);
    assert.doesNotMatch(stdout, /\[fixable\]/);
  });

  it('--unsafe-fixes --fix applies both', async () => {
    const { stdout, stderr } = await check('--unsafe-fixes', '--fix');
    assert.match(stderr, /applied 2 fixes\./);
    assert.equal(readFileSync(file(), 'utf8'), 'import os\nimport requests\npassword = os.environ["PASSWORD"]\nrequests.get(url, timeout=10)\n');
    assert.match(stdout, /No findings in 1 file/);
  });

  it('without --fix marks as fixable what --fix would apply, and --unsafe-fixes alone changes only that', async () => {
    const plain = await check();
    assert.match(plain.stdout, /^app\.py:3:1: .*request-without-timeout.* \[fixable\]$/m);
    assert.match(plain.stdout, /^app\.py:2:12: .*hardcoded-password-assignment.* \[unsafe fix available\]$/m);
    const withUnsafe = await check('--unsafe-fixes');
    assert.match(withUnsafe.stdout, /^app\.py:2:12: .*hardcoded-password-assignment.* \[fixable\]$/m);
    assert.equal(readFileSync(file(), 'utf8'), original);
  });

  it('JSON carries each fix\'s applicability, and what an unsafe one changes', async () => {
    const { stdout } = await check('--format', 'json');
    const rows = JSON.parse(stdout) as { ruleId: string; fix?: { applicability: string; changes?: string } }[];
    const byRule = new Map(rows.map((row) => [row.ruleId, row.fix]));
    assert.deepEqual(byRule.get('request-without-timeout')?.applicability, 'safe');
    assert.equal(byRule.get('request-without-timeout')?.changes, undefined);
    assert.equal(byRule.get('hardcoded-password-assignment')?.applicability, 'unsafe');
    assert.match(byRule.get('hardcoded-password-assignment')?.changes ?? '', /PASSWORD from the environment/);
  });
});

describe('source encodings', () => {
  it('reads the coding line on line 1 or 2 (after a comment), and only there', () => {
    const latin = (prefix: string) => decodeSource(Buffer.concat([Buffer.from(prefix), Buffer.from('s = "'), Buffer.from([0xe9]), Buffer.from('"\n')]));
    assert.equal(latin('# -*- coding: latin-1 -*-\n').encoding, 'iso-8859-1');
    assert.equal(latin('#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-1 :\n').text.includes('é'), true);
    assert.equal(latin('import os\n# coding: latin-1\n').encoding, 'utf-8', 'line 2 counts only after a blank or comment line');
    assert.equal(latin('\n\n# coding: latin-1\n').encoding, 'utf-8', 'line 3 never counts');
  });

  it('reads latin-1 as ISO-8859-1, not as windows-1252 the way TextDecoder would', () => {
    const source = decodeSource(Buffer.concat([Buffer.from('# coding: latin-1\n'), Buffer.from([0x80])]));
    assert.equal(source.text.endsWith('\u0080'), true);
    assert.equal(source.notWritable, undefined);
  });

  it('drops the byte order mark from the text and puts it back when writing', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x = 1\n')]);
    const source = decodeSource(bytes);
    assert.equal(source.text, 'x = 1\n');
    assert.deepEqual(encodeSource(source.text, source), bytes);
  });

  it('says when a declared encoding is unknown, reads UTF-8 and refuses to write', () => {
    const source = decodeSource(Buffer.from('# coding: no-such-codec\nx = 1\n'));
    assert.match(source.notice!, /could not be decoded as its declared encoding "no-such-codec"/);
    assert.ok(source.notWritable);
  });

  it('refuses to encode a character the file\'s encoding lacks', () => {
    assert.throws(() => encodeSource('x = "→"', { encoding: 'iso-8859-1', bom: false }), /cannot be written in iso-8859-1/);
  });
});
