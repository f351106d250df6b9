// Which configuration a file gets: the nearest one above it, up to the repository root.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigDiscovery } from '../../../src/analysis/config/configDiscovery';
import { isRepositoryRoot } from '../../../src/analysis/repositoryRoot';

describe('configuration discovery', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'llama-review-config-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('gives each project of a monorepo its own nearest file', async () => {
    mkdirSync(join(root, 'repo', '.git'), { recursive: true });
    write('repo/pyproject.toml', '[tool.llama-review]\nignore = ["B101"]\n');
    write('repo/services/api/llama-review.toml', 'ignore = ["eval-used"]\n');
    write('repo/services/api/app/views.py', '');
    write('repo/services/web/pyproject.toml', '[project]\nname = "web"\n');
    write('repo/services/web/site.py', '');
    const discovery = new ConfigDiscovery({ isBoundary: isRepositoryRoot });
    const api = await discovery.forFile(join(root, 'repo/services/api/app/views.py'));
    assert.equal(api?.file, join(root, 'repo/services/api/llama-review.toml'));
    assert.equal(api?.root, join(root, 'repo/services/api'));
    // web's pyproject.toml has no [tool.llama-review]: the search goes on up to the repository's.
    const web = await discovery.forFile(join(root, 'repo/services/web/site.py'));
    assert.equal(web?.file, join(root, 'repo/pyproject.toml'));
  });

  it('prefers .llama-review.toml, then llama-review.toml, then pyproject.toml in one folder', async () => {
    write('p/pyproject.toml', '[tool.llama-review]\nignore = ["a"]\n');
    write('p/llama-review.toml', 'ignore = ["B101"]\n');
    const first = await new ConfigDiscovery({ isBoundary: () => true }).forFile(join(root, 'p/x.py'));
    assert.equal(first?.file, join(root, 'p/llama-review.toml'));
    write('p/.llama-review.toml', 'ignore = ["B102"]\n');
    const second = await new ConfigDiscovery({ isBoundary: () => true }).forFile(join(root, 'p/x.py'));
    assert.equal(second?.file, join(root, 'p/.llama-review.toml'));
  });

  it('stops at the boundary: a file above the repository root does not apply', async () => {
    write('llama-review.toml', 'ignore = ["B101"]\n');
    mkdirSync(join(root, 'repo', '.git'), { recursive: true });
    write('repo/pkg/a.py', '');
    assert.equal(await new ConfigDiscovery({ isBoundary: isRepositoryRoot }).forFile(join(root, 'repo/pkg/a.py')), undefined);
    // Without a boundary before it, the file above is found.
    const found = await new ConfigDiscovery({ isBoundary: (folder) => folder === root }).forFile(join(root, 'repo/pkg/a.py'));
    assert.equal(found?.file, join(root, 'llama-review.toml'));
  });

  it('keeps what it read until cleared, and collects each file\'s problems once', async () => {
    write('llama-review.toml', 'colour = 1\n');
    const discovery = new ConfigDiscovery({ isBoundary: () => true });
    await discovery.forFile(join(root, 'a.py'));
    await discovery.forFile(join(root, 'b.py'));
    assert.equal(discovery.problems().length, 1);
    write('llama-review.toml', 'ignore = ["B101"]\n');
    assert.equal((await discovery.forFile(join(root, 'a.py')))?.ignore, undefined, 'cached');
    discovery.clear();
    assert.deepEqual((await discovery.forFile(join(root, 'a.py')))?.ignore, ['B101']);
    assert.deepEqual(discovery.problems(), []);
  });

  it('reads a file with a byte order mark', async () => {
    write('llama-review.toml', '\uFEFFignore = ["B101"]\n');
    const found = await new ConfigDiscovery({ isBoundary: () => true }).forFile(join(root, 'a.py'));
    assert.deepEqual(found?.ignore, ['B101']);
  });
});
