// Finds the files to review under the paths given on the command line (Python files and
// templates, as languages.ts recognises them), honouring .gitignore files unless told not to (each
// applies to its own folder and below) and skipping tool and environment folders. Names are read
// as bytes, so a name that is not UTF-8 is walked and reported like any other.
import { promises as fs, type Dirent } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { alwaysExcluded, isExcludedByDefault } from '../analysis/config/fileOptions';
import { isRepositoryRoot } from '../analysis/repositoryRoot';
import { languageOfNamedFile, recogniseFile, type RecognitionOptions } from '../analysis/languages';
import { joinPath, pathFromBytes, pathText, type FilePath } from './pathNames';
import { fileKind, notRegularFile, type FileSkipReason } from './readSource';

/** Decides whether a file or folder of the walk is excluded (a project configuration's `exclude`). */
export type Exclusion = (path: string, isDirectory: boolean) => boolean | Promise<boolean>;

export interface WalkOptions extends RecognitionOptions {
  /** Default: the built-in list of tool and environment folders. */
  exclusion?: Exclusion;
  /** Honour .gitignore files (default); the exclusions above apply either way. */
  gitignore?: boolean;
}


export interface SourceFile {
  path: FilePath;
  /** The analysis language id. */
  language: string;
}

export interface FileWalkResult {
  files: SourceFile[];
  /** Files of a language only if code names them (`docs/page.html`): templates when a render call does. */
  candidates: SourceFile[];
  /** Recognised paths that are not regular files (FIFOs, devices, sockets): reported, never read. */
  skipped: { path: FilePath; reason: FileSkipReason; message: string }[];
  /** Paths that could not be read: an I/O error for the caller to report. */
  errors: { path: FilePath; message: string }[];
  /** Files named on the command line that the project's configuration excludes. */
  excluded: string[];
  /** What .gitignore rules left out: files that would be checked, and folders not entered. */
  gitignored: { files: FilePath[]; folders: FilePath[] };
}

interface IgnoreScope {
  root: string;
  rules: Ignore;
}

async function readIgnoreFile(folder: FilePath): Promise<IgnoreScope | undefined> {
  try {
    const content = await fs.readFile(joinPath(folder, '.gitignore'), 'utf8');
    return { root: pathText(folder), rules: ignore().add(content) };
  } catch {
    return undefined;
  }
}

function isIgnored(path: FilePath, isDirectory: boolean, scopes: readonly IgnoreScope[]): boolean {
  const text = pathText(path);
  for (const scope of scopes) {
    const relativePath = relative(scope.root, text).split(sep).join('/');
    if (!relativePath || relativePath.startsWith('..')) continue;
    if (scope.rules.ignores(isDirectory ? `${relativePath}/` : relativePath)) return true;
  }
  return false;
}

/** The .gitignore files of `folder` and its ancestors up to the repository root (the one with .git). */
async function ancestorScopes(folder: string, options: WalkOptions): Promise<IgnoreScope[]> {
  if (options.gitignore === false) return [];
  const scopes: IgnoreScope[] = [];
  for (let current = folder; ; ) {
    const scope = await readIgnoreFile(current);
    if (scope) scopes.unshift(scope);
    const parent = resolve(current, '..');
    if ((await isRepositoryRoot(current)) || parent === current) return scopes;
    current = parent;
  }
}

async function walk(folder: FilePath, scopes: IgnoreScope[], result: FileWalkResult, options: WalkOptions): Promise<void> {
  const exclusion = options.exclusion ?? isExcludedByDefault;
  let entries: Dirent<Buffer>[];
  try {
    entries = await fs.readdir(folder, { withFileTypes: true, encoding: 'buffer' });
  } catch (error) {
    result.errors.push({ path: folder, message: (error as Error).message });
    return;
  }
  const own = options.gitignore === false ? undefined : await readIgnoreFile(folder);
  const active = own && !scopes.some((scope) => scope.root === pathText(folder)) ? [...scopes, own] : scopes;
  // Byte order: the same for every locale, and defined for names that are not UTF-8.
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  for (const entry of entries) {
    const name = pathFromBytes(entry.name);
    const nameText = pathText(name);
    const path = joinPath(folder, name);
    if (entry.isDirectory()) {
      if (alwaysExcluded.has(nameText) || (await exclusion(pathText(path), true))) continue;
      if (isIgnored(path, true, active)) result.gitignored.folders.push(path);
      else await walk(path, active, result, options);
    } else {
      const recognised = recogniseFile(pathText(path), options);
      if (!recognised || (await exclusion(pathText(path), false))) continue;
      if (isIgnored(path, false, active)) {
        // Templates found only by reference would not have been checked on their own.
        if (recognised.by !== 'reference' && entry.isFile()) result.gitignored.files.push(path);
        continue;
      }
      // Links in a walked folder are not followed (they may loop or leave the tree).
      if (entry.isFile()) (recognised.by === 'reference' ? result.candidates : result.files).push({ path, language: recognised.language });
      else if (!entry.isSymbolicLink()) result.skipped.push({ path, ...notRegularFile(fileKind(entry)) });
    }
  }
}

function emptyWalkResult(): FileWalkResult {
  return { files: [], candidates: [], skipped: [], errors: [], excluded: [], gitignored: { files: [], folders: [] } };
}

/** The files a walk of these folders would check with no .gitignore rules: to count what the rules left out. */
export async function filesDespiteGitignore(folders: readonly FilePath[], options: WalkOptions = {}): Promise<SourceFile[]> {
  const result = emptyWalkResult();
  for (const folder of folders) await walk(folder, [], result, { ...options, gitignore: false });
  return result.files;
}

/**
 * Explicit files are taken as they are (links followed; in the language their name says, else the
 * language that takes files of no known language, see languages/), unless
 * not regular or excluded by the configuration; a .gitignore'd one is checked, as Ruff does. Folders
 * are walked.
 */
export async function findSourceFiles(paths: readonly string[], options: WalkOptions = {}): Promise<FileWalkResult> {
  const result = emptyWalkResult();
  for (const given of paths) {
    const path = resolve(given);
    let stat;
    try {
      stat = await fs.stat(path);
    } catch (error) {
      result.errors.push({ path: given, message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory.' : (error as Error).message });
      continue;
    }
    if (stat.isDirectory()) await walk(path, await ancestorScopes(path, options), result, options);
    else if (stat.isFile() && options.exclusion && (await options.exclusion(path, false))) result.excluded.push(path);
    else if (stat.isFile()) {
      const language = languageOfNamedFile(path, options);
      if (language) result.files.push({ path, language });
      else result.errors.push({ path: given, message: 'No language Llama Review reviews takes this file.' });
    }
    else result.skipped.push({ path, ...notRegularFile(fileKind(stat)) });
  }
  // A path named twice, or named and found in a named folder, is checked once.
  const seen = new Set<string>();
  const firstTime = (path: FilePath) => {
    const key = Buffer.from(path).toString('latin1');
    return !seen.has(key) && !!seen.add(key);
  };
  return {
    files: result.files.filter((file) => firstTime(file.path)),
    candidates: result.candidates.filter((file) => firstTime(file.path)),
    skipped: result.skipped.filter((entry) => firstTime(entry.path)),
    errors: result.errors,
    excluded: result.excluded,
    gitignored: result.gitignored,
  };
}
