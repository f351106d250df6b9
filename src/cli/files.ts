// Finds the files to review under the paths given on the command line (Python files and
// templates, as languages.ts recognises them), honouring .gitignore files (each applies to its own
// folder and below) and skipping tool and environment folders.
import { promises as fs } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { recogniseFile, type RecognitionOptions } from '../analysis/languages';

/** Folders no one wants linted; Ruff and Bandit skip the same kind by default. */
const skippedFolders = new Set([
  '.git', '.hg', '.svn', '.venv', 'venv', '.tox', '.nox', 'node_modules', '__pycache__',
  '.mypy_cache', '.pytest_cache', '.ruff_cache', 'site-packages', '.eggs',
]);

export interface SourceFile {
  path: string;
  /** The analysis language id. */
  language: string;
}

export interface FileWalkResult {
  files: SourceFile[];
  /** Files of a language only if code names them (`docs/page.html`): templates when a render call does. */
  candidates: SourceFile[];
  /** Paths that could not be read: an I/O error for the caller to report. */
  errors: { path: string; message: string }[];
}

interface IgnoreScope {
  root: string;
  rules: Ignore;
}

async function readIgnoreFile(folder: string): Promise<IgnoreScope | undefined> {
  try {
    const content = await fs.readFile(join(folder, '.gitignore'), 'utf8');
    return { root: folder, rules: ignore().add(content) };
  } catch {
    return undefined;
  }
}

function isIgnored(path: string, isDirectory: boolean, scopes: readonly IgnoreScope[]): boolean {
  for (const scope of scopes) {
    const relativePath = relative(scope.root, path).split(sep).join('/');
    if (!relativePath || relativePath.startsWith('..')) continue;
    if (scope.rules.ignores(isDirectory ? `${relativePath}/` : relativePath)) return true;
  }
  return false;
}

/** The .gitignore files of `folder` and its ancestors up to the repository root (the one with .git). */
async function ancestorScopes(folder: string): Promise<IgnoreScope[]> {
  const scopes: IgnoreScope[] = [];
  for (let current = folder; ; ) {
    const scope = await readIgnoreFile(current);
    if (scope) scopes.unshift(scope);
    const isRepositoryRoot = await fs.stat(join(current, '.git')).then(() => true, () => false);
    const parent = resolve(current, '..');
    if (isRepositoryRoot || parent === current) return scopes;
    current = parent;
  }
}

async function walk(folder: string, scopes: IgnoreScope[], result: FileWalkResult, options: RecognitionOptions): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    result.errors.push({ path: folder, message: (error as Error).message });
    return;
  }
  const own = await readIgnoreFile(folder);
  const active = own && !scopes.some((scope) => scope.root === folder) ? [...scopes, own] : scopes;
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (skippedFolders.has(entry.name) || isIgnored(path, true, active)) continue;
      await walk(path, active, result, options);
    } else if (entry.isFile()) {
      const recognised = recogniseFile(path, options);
      if (!recognised || isIgnored(path, false, active)) continue;
      (recognised.by === 'reference' ? result.candidates : result.files).push({ path, language: recognised.language });
    }
  }
}

/** Explicit files are taken as they are (as Python unless they are templates); folders are walked. */
export async function findSourceFiles(paths: readonly string[], options: RecognitionOptions = {}): Promise<FileWalkResult> {
  const result: FileWalkResult = { files: [], candidates: [], errors: [] };
  for (const given of paths) {
    const path = resolve(given);
    let stat;
    try {
      stat = await fs.stat(path);
    } catch (error) {
      result.errors.push({ path: given, message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory.' : (error as Error).message });
      continue;
    }
    if (stat.isDirectory()) await walk(path, await ancestorScopes(path), result, options);
    else result.files.push({ path, language: recogniseFile(path, options)?.language ?? 'python' });
  }
  return { files: unique(result.files), candidates: unique(result.candidates), errors: result.errors };
}

function unique(files: SourceFile[]): SourceFile[] {
  const seen = new Set<string>();
  return files.filter((file) => !seen.has(file.path) && !!seen.add(file.path));
}
