// The README's generated sections (rule table, settings) must match the code.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repositoryRoot } from '../support/fixtures';

describe('README', () => {
  it('has a current rule table and settings table (run `npm run readme` to regenerate)', () => {
    const check = spawnSync(process.execPath, [join(repositoryRoot, 'scripts', 'update-readme.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
  });
});
