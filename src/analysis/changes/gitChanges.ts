// Asks git which lines changed since a commit: the working tree against REF (staged or not), and
// untracked files (not ignored) as wholly new. git runs through execFile, never a shell, from the
// folder being reviewed, with the settings that could change its output or run other programs
// (external diff drivers, textconv filters, fsmonitor hooks) turned off.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { ChangedLines, parseUnifiedDiff } from './changedLines';

export class GitError extends Error {}

const safeConfig = ['-c', 'core.quotepath=false', '-c', 'core.fsmonitor=false', '-c', 'color.ui=false'];

function runGit(folder: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...safeConfig, ...args],
      // Optional locks off: a read-only question must not take the index lock from the user's own git.
      { cwd: folder, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, windowsHide: true, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new GitError('git was not found: install git, or put it on PATH.'));
        const message = stderr.trim().split('\n').pop() || error.message;
        if (/not a git repository/i.test(message)) return reject(new GitError(`${folder} is not inside a git repository.`));
        reject(new GitError(`git ${args[0]} failed: ${message}`));
      },
    );
  });
}

/** The lines changed since `ref` in each folder (paths resolved from the folder as given). */
export async function changedLinesSince(ref: string, folders: readonly string[]): Promise<ChangedLines> {
  // A revision that looks like an option would be read as one.
  if (ref === '' || ref.startsWith('-')) throw new GitError(`"${ref}" is not a revision to compare with.`);
  const changes = new ChangedLines();
  for (const folder of new Set(folders)) {
    // A missing working folder makes spawning fail with ENOENT, which would read as "no git".
    const isFolder = await fs.stat(folder).then((stat) => stat.isDirectory(), () => false);
    if (!isFolder) throw new GitError(`${folder} is not a folder.`);
    if ((await runGit(folder, ['rev-parse', '--is-inside-work-tree'])).trim() !== 'true') throw new GitError(`${folder} is not inside a git working tree.`);
    const diff = await runGit(folder, [
      'diff', '--no-color', '--no-ext-diff', '--no-textconv', '--relative', '--unified=0', '-M', '--src-prefix=a/', '--dst-prefix=b/', ref, '--',
    ]);
    const untracked = await runGit(folder, ['ls-files', '-z', '--others', '--exclude-standard']);
    changes.add(folder, parseUnifiedDiff(diff), untracked.split('\0').filter(Boolean));
  }
  return changes;
}
