// `npm ci` on every platform needs every prebuilt binary of node-llama-cpp in the lock file, and
// CI must install with `npm ci` so the lock file is what it tests.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../support/fixtures';

interface LockEntry {
  version: string;
  os?: string[];
  cpu?: string[];
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
}

describe('package-lock.json', () => {
  const lock = JSON.parse(readFileSync(join(repositoryRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

  it("lists every optional platform package of node-llama-cpp (run scripts/lock-platform-packages.mjs after an upgrade)", () => {
    const optional = lock.packages['node_modules/node-llama-cpp']?.optionalDependencies ?? {};
    const platforms = Object.keys(optional);
    assert.ok(platforms.some((name) => name.includes('mac-arm64')) && platforms.some((name) => name.includes('win-x64')), 'node-llama-cpp ships macOS and Windows binaries');
    for (const [name, version] of Object.entries(optional)) {
      const entry = lock.packages[`node_modules/${name}`];
      assert.ok(entry, `${name} is missing from package-lock.json`);
      assert.equal(entry.version, version, name);
      assert.equal(entry.optional, true, `${name} is optional`);
      assert.ok(entry.os && entry.os.length > 0 && entry.cpu && entry.cpu.length > 0, `${name} says which platforms it is for, so npm skips it elsewhere`);
    }
  });

  it('is what CI installs', () => {
    const ci = readFileSync(join(repositoryRoot, '.ci', 'run'), 'utf8');
    assert.match(ci, /^npm ci\b/m);
    assert.doesNotMatch(ci, /^npm install\b/m);
  });
});
