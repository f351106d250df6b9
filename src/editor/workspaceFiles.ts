// "Every Python file and template in the workspace" as a user means it: files.exclude applies
// (findFiles does that), so do .gitignore files (each for its own folder and below), and
// environments and caches are skipped. Templates are the files languages.ts recognises by their
// extension or their folder (llamaReview.templates.folders).
import ignore, { type Ignore } from 'ignore';
import * as vscode from 'vscode';
import { alwaysExcluded, defaultExcludes } from '../analysis/config/fileOptions';
import { allLanguages } from '../analysis/languages';
import { readTemplateFolders } from './config';

/** Folders no one wants reviewed, ignored or not: version control, environments, caches, dependencies. */
const toolFolders = new Set([...alwaysExcluded, ...defaultExcludes]);

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

/** `**\/*.{py,pyi,jinja,...}` and `**\/templates/**\/*.{html,...}`: what the languages recognise. */
function reviewedFileGlobs(): string[] {
  const braces = (extensions: readonly string[]) => `{${extensions.map((extension) => extension.slice(1)).join(',')}}`;
  const extensions = allLanguages().flatMap((language) => language.files.extensions);
  const globs = [`**/*.${braces(extensions)}`];
  for (const language of allLanguages()) {
    if (!language.files.folderExtensions) continue;
    const folders = language.id === 'template' ? readTemplateFolders() : language.files.defaultFolders ?? [];
    for (const folder of folders) globs.push(`**/${folder}/**/*.${braces(language.files.folderExtensions)}`);
  }
  return globs;
}

export async function findWorkspaceFiles(token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const found = await Promise.all(reviewedFileGlobs().map((glob) => vscode.workspace.findFiles(glob, undefined, undefined, token)));
  const candidates = [...new Map(found.flat().map((uri) => [uri.toString(), uri])).values()];
  const scopes = await readGitignores(token);
  return candidates
    .filter((uri) => !inToolFolder(uri) && !isGitignored(uri, scopes))
    .sort((a, b) => a.path.localeCompare(b.path));
}
