// Where a repository starts: the folder that holds `.git` (a folder, or a file in worktrees and
// submodules). Configuration discovery, the CLI's .gitignore walk and SARIF paths all stop there.
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';

export async function isRepositoryRoot(folder: string): Promise<boolean> {
  return fs.stat(join(folder, '.git')).then(
    () => true,
    () => false,
  );
}

/** The nearest folder at or above `folder` that is a repository root. */
export async function repositoryRootAbove(folder: string): Promise<string | undefined> {
  for (let current = folder; ; current = dirname(current)) {
    if (await isRepositoryRoot(current)) return current;
    if (dirname(current) === current) return undefined;
  }
}
