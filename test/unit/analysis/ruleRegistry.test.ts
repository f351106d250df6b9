// The registry is the only way a rule runs: a rule file left out of its family's index, or a
// fixture whose rule is gone, fails here instead of being skipped without a word.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { allRules } from '../../../src/analysis/rules';
import { repositoryRoot } from '../../support/fixtures';

/** Every .ts file below a folder. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(folder, name));
}

describe('rule registry', () => {
  const registered = new Set(allRules().map((rule) => rule.meta.id));
  const rulesFolder = join(repositoryRoot, 'src', 'analysis', 'rules');

  it('registers every rule file (a file that declares the id of its own name)', () => {
    const declared = sourceFiles(rulesFolder).filter((file) => {
      const id = basename(file, '.ts');
      return new RegExp(`\\bid: '${id}'`).test(readFileSync(file, 'utf8'));
    });
    assert.ok(declared.length >= registered.size * 0.9, `found only ${declared.length} rule files for ${registered.size} rules`);
    const missing = declared.map((file) => basename(file, '.ts')).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'rule files no family index registers');
  });

  it('names each rule file after its rule', () => {
    const fileNames = new Set(sourceFiles(rulesFolder).map((file) => basename(file, '.ts')));
    const unnamed = [...registered].filter((id) => !fileNames.has(id));
    assert.deepEqual(unnamed, [], 'rules without a file of their name');
  });

  it('has no fixture for a rule that does not exist', () => {
    const orphans: string[] = [];
    for (const [folder, extension] of [['python', '.py'], ['templates', '.html']] as const) {
      const fixtures = join(repositoryRoot, 'test', 'fixtures', folder, 'rules');
      for (const entry of readdirSync(fixtures, { withFileTypes: true })) {
        const id = entry.isDirectory() ? entry.name : entry.name.endsWith(extension) ? entry.name.slice(0, -extension.length).replace(/\.fixed$/, '') : undefined;
        if (id && !registered.has(id)) orphans.push(join(folder, entry.name));
      }
    }
    assert.deepEqual(orphans, []);
  });
});
