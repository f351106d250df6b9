// When .gitignore rules left nothing to check, say so: an empty report with exit code 0 would
// otherwise read as "no problems" while nothing was looked at.
import { filesDespiteGitignore, type FileWalkResult, type WalkOptions } from './files';

/** How many files .gitignore kept from the check: those excluded by name, and those in excluded folders. */
async function gitignoredFileCount(walked: FileWalkResult, options: WalkOptions): Promise<number> {
  const { files, folders } = walked.gitignored;
  // Excluded folders are walked only here, when nothing else was found, so a normal run never pays for it.
  const inFolders = (await filesDespiteGitignore(folders, options)).map((file) => file.path);
  // A folder named twice (`check . pkg`) meets the same files twice.
  return new Set([...files, ...inFolders].map((path) => Buffer.from(path).toString('latin1'))).size;
}

/** The notice for standard error when .gitignore rules left no file to check, else undefined. */
export async function gitignoreNotice(walked: FileWalkResult, options: WalkOptions = {}): Promise<string | undefined> {
  if (walked.files.length > 0) return undefined;
  const count = await gitignoredFileCount(walked, options);
  if (count === 0) return undefined;
  return `llama-review: .gitignore excluded ${count} file${count === 1 ? '' : 's'}; --no-gitignore to include them\n`;
}
