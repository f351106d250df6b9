// Which tracked files a removal touches. Files are tracked by their URI strings (`Uri.toString()`);
// a deleted or renamed folder, or a workspace folder closed, is reported as the folder's URI alone,
// so the files inside it are found by prefix. No `vscode` import.
import { alwaysExcluded } from '../analysis/config/fileOptions';
import { importedModuleExtensions } from '../analysis/languages';

/** Whether the file `key` is the file or folder `folderKey` itself, or lies anywhere under it. */
export function isSameOrUnder(key: string, folderKey: string): boolean {
  const folder = folderKey.endsWith('/') ? folderKey : `${folderKey}/`;
  return key === folderKey || key.startsWith(folder);
}

export interface GoneWorkspaceFiles {
  /** No longer part of the workspace review: closing them must not bring their disk findings back. */
  forget: string[];
  /** Their findings go too; an open file keeps the findings of its buffer's live review. */
  clear: string[];
}

/** Of the files a workspace review covered, those that `gone` says left the workspace. */
export function goneWorkspaceFiles(covered: Iterable<string>, gone: (key: string) => boolean, open: ReadonlySet<string>): GoneWorkspaceFiles {
  const forget = [...covered].filter(gone);
  return { forget, clear: forget.filter((key) => !open.has(key)) };
}

/**
 * Whether removing `path` can change what imports resolve to: a module of a language whose flow
 * follows imports, or a folder (a name without an extension), but nothing inside version
 * control's own folders (lock files come and go there with every git command).
 */
export function mayHoldImportedModules(path: string): boolean {
  const segments = path.split('/');
  if (segments.some((segment) => alwaysExcluded.has(segment))) return false;
  const name = segments[segments.length - 1];
  const dot = name.lastIndexOf('.');
  return dot <= 0 || importedModuleExtensions().includes(name.slice(dot));
}

/** The files whose creation can change what imports resolve to: `**\/*.{py,pyi}`. */
export function importedModulesGlob(): string {
  return `**/*.{${importedModuleExtensions().map((extension) => extension.slice(1)).join(',')}}`;
}
