// Which tracked files a removal touches: a deleted or renamed folder is reported by its URI alone,
// a closed workspace folder takes the workspace review's findings in it along (open files keep
// theirs), and deletions that cannot change imports do not reset the project's module cache.
import * as assert from 'node:assert/strict';
import { goneWorkspaceFiles, importedModulesGlob, isSameOrUnder, mayHoldImportedModules } from '../../../src/editor/goneFiles';

describe('editor: files under a removed folder', () => {
  it('matches the folder itself and everything under it, at any depth', () => {
    assert.equal(isSameOrUnder('file:///work/app', 'file:///work/app'), true);
    assert.equal(isSameOrUnder('file:///work/app/views.py', 'file:///work/app'), true);
    assert.equal(isSameOrUnder('file:///work/app/api/deep/handlers.py', 'file:///work/app'), true);
    assert.equal(isSameOrUnder('file:///work/app/views.py', 'file:///work/app/'), true);
  });

  it('does not match a sibling whose name starts with the folder name, or another scheme', () => {
    assert.equal(isSameOrUnder('file:///work/application/views.py', 'file:///work/app'), false);
    assert.equal(isSameOrUnder('file:///work/app.py', 'file:///work/app'), false);
    assert.equal(isSameOrUnder('vscode-remote://host/work/app/views.py', 'file:///work/app'), false);
    assert.equal(isSameOrUnder('file:///work', 'file:///work/app'), false);
  });
});

describe('editor: files a workspace review no longer covers', () => {
  const covered = ['file:///one/a.py', 'file:///one/pkg/b.py', 'file:///two/c.py', 'file:///two/d.py'];

  it('closing a workspace folder forgets its files and clears those not open', () => {
    const open = new Set(['file:///two/d.py']);
    const gone = goneWorkspaceFiles(covered, (key) => isSameOrUnder(key, 'file:///two'), open);
    assert.deepEqual(gone, { forget: ['file:///two/c.py', 'file:///two/d.py'], clear: ['file:///two/c.py'] });
  });

  it('a complete review forgets the files it did not find again', () => {
    const found = new Set(['file:///one/a.py', 'file:///two/c.py']);
    const gone = goneWorkspaceFiles(covered, (key) => !found.has(key), new Set());
    assert.deepEqual(gone, { forget: ['file:///one/pkg/b.py', 'file:///two/d.py'], clear: ['file:///one/pkg/b.py', 'file:///two/d.py'] });
  });

  it('touches nothing when nothing is gone', () => {
    assert.deepEqual(goneWorkspaceFiles(covered, () => false, new Set(covered)), { forget: [], clear: [] });
  });
});

describe('editor: removals that can change imports', () => {
  it('counts Python modules and folders', () => {
    assert.equal(mayHoldImportedModules('/work/app/views.py'), true);
    assert.equal(mayHoldImportedModules('/work/app/stubs.pyi'), true);
    assert.equal(mayHoldImportedModules('/work/app/helpers'), true);
    assert.equal(mayHoldImportedModules('/work/.venv'), true);
  });

  it('skips other files and anything inside version control folders', () => {
    assert.equal(mayHoldImportedModules('/work/app/notes.txt'), false);
    assert.equal(mayHoldImportedModules('/work/build/report.html'), false);
    assert.equal(mayHoldImportedModules('/work/.git/index.lock'), false);
    assert.equal(mayHoldImportedModules('/work/.git/refs/heads'), false);
  });

  it('watches the creation of the same modules', () => {
    assert.equal(importedModulesGlob(), '**/*.{py,pyi}');
  });
});
