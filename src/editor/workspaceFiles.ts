// "Every Python file in the workspace" as a user means it: files.exclude applies (findFiles does
// that), so do .gitignore files (each for its own folder and below), and environments and caches
// are skipped.
import ignore, { type Ignore } from 'ignore';
import * as vscode from 'vscode';

/** Folders no one wants reviewed, ignored or not: virtual environments, caches, dependencies. */
const toolFolders = new Set([
  '.git', '.hg', '.svn', '.venv', 'venv', '.tox', '.nox', 'node_modules', '__pycache__',
  '.mypy_cache', '.pytest_cache', '.ruff_cache', 'site-packages', '.eggs',
]);

function inToolFolder(uri: vscode.Uri): boolean {
  return uri.path.split('/').some((segment) => toolFolders.has(segment));
}

interface GitignoreScope {
  /** The folder's path with a trailing slash. */
  folder: string;
  rules: Ignore;
}

async function readGitignores(token: vscode.CancellationToken): Promise<GitignoreScope[]> {
  const files = await vscode.workspace.findFiles('**/.gitignore', undefined, undefined, token);
  const scopes: GitignoreScope[] = [];
  for (const file of files.filter((uri) => !inToolFolder(uri))) {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      scopes.push({ folder: file.path.slice(0, file.path.lastIndexOf('/') + 1), rules: ignore().add(text) });
    } catch {
      // An unreadable .gitignore ignores nothing, as in git.
    }
  }
  return scopes;
}

function isGitignored(uri: vscode.Uri, scopes: readonly GitignoreScope[]): boolean {
  return scopes.some((scope) => uri.path.startsWith(scope.folder) && scope.rules.ignores(uri.path.slice(scope.folder.length)));
}

export async function findWorkspacePythonFiles(token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const candidates = await vscode.workspace.findFiles('**/*.{py,pyi}', undefined, undefined, token);
  const scopes = await readGitignores(token);
  return candidates
    .filter((uri) => !inToolFolder(uri) && !isGitignored(uri, scopes))
    .sort((a, b) => a.path.localeCompare(b.path));
}
