// The pre-commit hook manifest: the keys pre-commit reads, a command that exists, and a package
// that ships the built CLI. No YAML library is a dependency of ours, so the manifest is read with
// a small reader of the few forms it uses, which rejects any other.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore from 'ignore';
import { repositoryRoot } from '../../support/fixtures';
import { runCli } from '../../support/runCli';

type Scalar = string | boolean | string[];

function scalar(text: string): Scalar {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text.startsWith('"')) return JSON.parse(text) as string;
  if (text.startsWith('[') && text.endsWith(']')) return text.slice(1, -1).split(',').map((item) => item.trim()).filter(Boolean);
  assert.match(text, /^[^'"[\]{}&*!|>%@`#][^#]*$/, `not a plain scalar: ${text}`);
  return text;
}

/** A list of flat maps: `- key: value` opens an item, `  key: value` continues it. */
function readHookList(text: string): Record<string, Scalar>[] {
  const items: Record<string, Scalar>[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = /^(- |  )([a-z_]+): (.+)$/.exec(line);
    assert.ok(match, `a line the reader does not know: ${JSON.stringify(line)}`);
    const [, indent, key, value] = match;
    if (indent === '- ') items.push({});
    assert.ok(items.length > 0, 'a key before the first item');
    const item = items[items.length - 1];
    assert.ok(!(key in item), `${key} twice`);
    item[key] = scalar(value);
  }
  return items;
}

/** The keys of a hook in .pre-commit-hooks.yaml, as pre-commit documents them. */
const hookKeys = new Set([
  'id', 'name', 'entry', 'language', 'files', 'exclude', 'types', 'types_or', 'exclude_types', 'always_run', 'fail_fast',
  'verbose', 'pass_filenames', 'require_serial', 'description', 'language_version', 'minimum_pre_commit_version', 'args', 'stages',
]);

describe('the pre-commit hook', () => {
  const hooks = readHookList(readFileSync(join(repositoryRoot, '.pre-commit-hooks.yaml'), 'utf8'));
  const packageJson = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };

  it('declares llama-review with the required keys and only known ones', () => {
    assert.deepEqual(hooks.map((hook) => hook.id), ['llama-review']);
    const [hook] = hooks;
    for (const key of ['id', 'name', 'entry', 'language']) assert.ok(typeof hook[key] === 'string' && hook[key] !== '', `${key} is required`);
    for (const key of Object.keys(hook)) assert.ok(hookKeys.has(key), `unknown key ${key}`);
    assert.equal(hook.language, 'node');
    assert.deepEqual(hook.types_or, ['python', 'pyi', 'jinja']);
    assert.equal(hook.pass_filenames, true);
    assert.equal(hook.require_serial, true);
  });

  it('runs a command that package.json installs, with a subcommand the CLI has', async () => {
    const [executable, ...args] = (hooks[0].entry as string).split(' ');
    assert.ok(executable in packageJson.bin, `${executable} is not in package.json bin`);
    assert.ok(existsSync(join(repositoryRoot, packageJson.bin[executable])));
    const { code, stdout } = await runCli([...args, '--help'], repositoryRoot);
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`^Usage: llama-review ${args.join(' ')} `));
  });

  it('is installed from a package that holds the built CLI', () => {
    // pre-commit installs node hooks from `npm pack`, which reads .npmignore instead of .gitignore.
    const packed = ignore().add(readFileSync(join(repositoryRoot, '.npmignore'), 'utf8'));
    for (const needed of ['dist/cli.js', 'dist/checkWorker.js', 'dist/tree-sitter.wasm', packageJson.bin['llama-review'].replace(/^\.\//, '')]) {
      assert.ok(!packed.ignores(needed), `${needed} would be left out of the package`);
    }
    assert.ok(packed.ignores('out/src/cli/main.js'));
  });
});
