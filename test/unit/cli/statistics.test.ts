// `--statistics`: counts per rule instead of one line per finding, in text and JSON.
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ruleMeta } from '../../../src/analysis/rules';
import { runCli as cli } from '../../support/runCli';

describe('llama-review check --statistics', () => {
  let project: string;
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'llama-review-statistics-'));
    mkdirSync(join(project, '.git'));
    // Two eval-used, two compare-to-none (an unsafe fix each), one exec-used.
    writeFileSync(join(project, 'a.py'), 'eval(x)\nif x == None:\n    pass\n');
    writeFileSync(join(project, 'b.py'), 'eval(y)\nexec(y)\nif y == None:\n    pass\n');
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  const selected = ['--select', 'eval-used,exec-used,compare-to-none'];

  it('writes a JSON array of counts per rule, most frequent first, then by id', async () => {
    const { code, stdout } = await cli(['check', '--statistics', '--format', 'json', ...selected], project);
    assert.equal(code, 1, 'findings still set the exit code');
    assert.deepEqual(JSON.parse(stdout), [
      { rule: 'compare-to-none', aliases: ruleMeta('compare-to-none')!.aliases, count: 2, fixable: 0 },
      { rule: 'eval-used', aliases: ['B307', 'S307'], count: 2, fixable: 0 },
      { rule: 'exec-used', aliases: ['B102', 'S102'], count: 1, fixable: 0 },
    ]);
    // Fixable means what --fix would fix with the same flags: unsafe fixes count with --unsafe-fixes.
    const unsafe = await cli(['check', '--statistics', '--format', 'json', '--unsafe-fixes', ...selected], project);
    assert.equal((JSON.parse(unsafe.stdout) as { fixable: number }[])[0].fixable, 2);
  });

  it('prints aligned columns: count, rule, aliases, title and how many are fixable', async () => {
    const { stdout } = await cli(['check', '--statistics', '--unsafe-fixes', ...selected], project);
    const noneAliases = ruleMeta('compare-to-none')!.aliases.join(', ');
    const width = Math.max(noneAliases.length, 'B307, S307'.length);
    assert.equal(
      stdout,
      [
        `2  compare-to-none  ${noneAliases.padEnd(width)}  ${ruleMeta('compare-to-none')!.title} [2 fixable]`,
        `2  eval-used        ${'B307, S307'.padEnd(width)}  ${ruleMeta('eval-used')!.title}`,
        `1  exec-used        ${'B102, S102'.padEnd(width)}  ${ruleMeta('exec-used')!.title}`,
        '',
      ].join('\n'),
    );
  });

  it('prints nothing and exits 0 when there are no findings, and refuses formats it cannot count in', async () => {
    const clean = await cli(['check', '--statistics', '--select', 'hardcoded-tmp-path'], project);
    assert.deepEqual([clean.code, clean.stdout], [0, '']);
    const sarif = await cli(['check', '--statistics', '--format', 'sarif'], project);
    assert.equal(sarif.code, 2);
    assert.match(sarif.stderr, /--statistics .* --format sarif/);
  });
});
