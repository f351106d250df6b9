// The folder SARIF locations are relative to. GitHub code scanning reads artifact URIs relative to
// the repository root, so that root is preferred: the git repository all the scanned paths are in,
// else the working directory.
import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { repositoryRootAbove } from '../analysis/repositoryRoot';

/** The repository root shared by every path given, else `cwd`. */
export async function chooseSourceRoot(paths: readonly string[], cwd = process.cwd()): Promise<string> {
  const roots = new Set<string | undefined>();
  for (const given of paths) {
    const path = resolve(cwd, given);
    const isFolder = await fs.stat(path).then((stat) => stat.isDirectory(), () => false);
    roots.add(await repositoryRootAbove(isFolder ? path : dirname(path)));
  }
  const [only] = roots;
  return roots.size === 1 && only !== undefined ? only : cwd;
}
