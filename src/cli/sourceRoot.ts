// The folder SARIF locations are relative to. GitHub code scanning reads artifact URIs relative to
// the repository root, so that root is preferred: the git repository all the scanned paths are in,
// else the working directory.
import { promises as fs } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The nearest folder at or above `folder` that holds `.git` (a folder, or a file in worktrees and submodules). */
async function repositoryRoot(folder: string): Promise<string | undefined> {
  for (let current = folder; ; current = dirname(current)) {
    if (await fs.stat(join(current, '.git')).then(() => true, () => false)) return current;
    if (dirname(current) === current) return undefined;
  }
}

/** The repository root shared by every path given, else `cwd`. */
export async function chooseSourceRoot(paths: readonly string[], cwd = process.cwd()): Promise<string> {
  const roots = new Set<string | undefined>();
  for (const given of paths) {
    const path = resolve(cwd, given);
    const isFolder = await fs.stat(path).then((stat) => stat.isDirectory(), () => false);
    roots.add(await repositoryRoot(isFolder ? path : dirname(path)));
  }
  const [only] = roots;
  return roots.size === 1 && only !== undefined ? only : cwd;
}
