// Reading changed lines from `git diff --unified=0` text, without a repository.
import * as assert from 'node:assert/strict';
import { ChangedLines, parseUnifiedDiff, unquoteGitPath } from '../../../src/analysis/changes/changedLines';

const diff = [
  'diff --git a/gone.py b/gone.py',
  'deleted file mode 100644',
  '--- a/gone.py',
  '+++ /dev/null',
  '@@ -1 +0,0 @@',
  '-q',
  'diff --git a/old.py b/new.py',
  'similarity index 87%',
  'rename from old.py',
  'rename to new.py',
  '--- a/old.py',
  '+++ b/new.py',
  '@@ -10,0 +11,2 @@',
  '+eleven',
  '+twelve',
  'diff --git a/staged.py b/staged.py',
  'new file mode 100644',
  '--- /dev/null',
  '+++ b/staged.py',
  '@@ -0,0 +1 @@',
  '++++ b/not-a-file.py',
  'diff --git "a/ta\\tb.py" "b/ta\\tb.py"',
  '--- "a/ta\\tb.py"',
  '+++ "b/ta\\tb.py"',
  '@@ -1 +1 @@',
  '-tab',
  '+tab2',
  '\\ No newline at end of file',
  'diff --git a/with space.py b/with space.py',
  '--- a/with space.py\t',
  '+++ b/with space.py\t',
  '@@ -2 +2 @@ def run():',
  '-b',
  '+B',
  '@@ -5,3 +5,0 @@',
  '-x',
  '-y',
  '-z',
  'diff --git a/ünï.py b/ünï.py',
  '--- a/ünï.py',
  '+++ b/ünï.py',
  '@@ -1 +1 @@',
  '-x',
  '+y',
  '',
].join('\n');

describe('changed lines from git diff', () => {
  it('reads the new side of every hunk, per file as git names it', () => {
    const files = parseUnifiedDiff(diff);
    assert.deepEqual([...files.keys()], ['new.py', 'staged.py', 'ta\tb.py', 'with space.py', 'ünï.py']);
    assert.deepEqual(files.get('new.py'), [{ start: 11, end: 12 }]);
    assert.deepEqual(files.get('staged.py'), [{ start: 1, end: 1 }], 'a changed line reading "+++ b/..." is not a file header');
    assert.deepEqual(files.get('with space.py'), [{ start: 2, end: 2 }], 'a pure deletion changes no line still there');
  });

  it('unquotes C-quoted paths, octal bytes included', () => {
    assert.equal(unquoteGitPath('"ta\\tb.py"'), 'ta\tb.py');
    assert.equal(unquoteGitPath('"say \\"hi\\".py"'), 'say "hi".py');
    assert.equal(unquoteGitPath('"\\303\\274.py"'), 'ü.py');
    assert.equal(unquoteGitPath('plain.py'), 'plain.py');
  });

  it('says whether a finding range touches a changed line, with untracked files wholly changed', () => {
    const changes = new ChangedLines().add('/repo/src', parseUnifiedDiff(diff), ['fresh.py']);
    const range = (line: number, endLine = line, endColumn = 5) => ({ start: { line, column: 0 }, end: { line: endLine, column: endColumn } });
    assert.ok(changes.touches('/repo/src/new.py', range(10)), 'line 11, 1-based');
    assert.ok(!changes.touches('/repo/src/new.py', range(9)));
    assert.ok(changes.touches('/repo/src/new.py', range(8, 11)), 'a range across the hunk');
    assert.ok(!changes.touches('/repo/src/new.py', range(9, 10, 0)), 'a range ending at column 0 of a changed line');
    assert.ok(changes.touches('/repo/src/fresh.py', range(400)));
    assert.ok(!changes.touches('/repo/src/gone.py', range(0)));
    assert.ok(!changes.touches('/repo/other.py', range(0)));
  });
});
