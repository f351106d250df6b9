// The project's other Python files as the flow layer reads them: imports resolved the way Python
// finds them from a file (its package, then the folders above it), files parsed and lowered once
// and kept while they do not change on disk.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Tree } from 'web-tree-sitter';
import type { LoadedModule, ProjectFiles } from './flow/project';
import { lowerPythonModule } from './flow/python/lower';
import { lineStarts } from './lineStarts';

/** Folders above a file searched for the top package of an absolute import. */
const maxAncestors = 6;
/** Lowered modules kept; the oldest go first. */
const capacity = 96;
/** Files larger than this are not read for their summaries. */
const maxModuleBytes = 512 * 1024;

interface CachedModule {
  readonly stamp: string;
  readonly module: LoadedModule | undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export class FileSystemProject implements ProjectFiles {
  private readonly modules = new Map<string, CachedModule>();
  private readonly resolved = new Map<string, string | undefined>();
  private readonly files = new Map<string, boolean>();

  constructor(private readonly parse: (text: string) => Tree) {}

  private exists(path: string): boolean {
    let found = this.files.get(path);
    if (found === undefined) {
      found = isFile(path);
      this.files.set(path, found);
    }
    return found;
  }

  private moduleIn(folder: string, dotted: string): string | undefined {
    const parts = dotted ? dotted.split('.') : [];
    const base = join(folder, ...parts);
    if (parts.length > 0 && this.exists(`${base}.py`)) return `${base}.py`;
    const init = join(base, '__init__.py');
    return this.exists(init) ? init : undefined;
  }

  resolve(fromFile: string, dotted: string, level: number): string | undefined {
    const key = `${fromFile}\u0000${dotted}\u0000${level}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    let found: string | undefined;
    if (level > 0) {
      let folder = dirname(resolve(fromFile));
      for (let up = 1; up < level; up++) folder = dirname(folder);
      found = this.moduleIn(folder, dotted);
    } else if (dotted) {
      let folder = dirname(resolve(fromFile));
      for (let up = 0; up <= maxAncestors && !found; up++) {
        found = this.moduleIn(folder, dotted);
        const parent = dirname(folder);
        if (parent === folder) break;
        folder = parent;
      }
    }
    if (found === resolve(fromFile)) found = undefined; // a module importing a library of the same name
    this.resolved.set(key, found);
    return found;
  }

  submodule(file: string, name: string): string | undefined {
    if (basename(file) !== '__init__.py') return undefined;
    return this.moduleIn(dirname(file), name);
  }

  stamp(file: string): string | undefined {
    try {
      const stat = statSync(file);
      return stat.isFile() && stat.size <= maxModuleBytes ? `${stat.size}:${stat.mtimeMs}` : undefined;
    } catch {
      return undefined;
    }
  }

  load(file: string): LoadedModule | undefined {
    const stamp = this.stamp(file);
    if (!stamp) return undefined;
    const cached = this.modules.get(file);
    if (cached && cached.stamp === stamp) {
      this.modules.delete(file);
      this.modules.set(file, cached);
      return cached.module;
    }
    const module = this.read(file, stamp);
    this.modules.set(file, { stamp, module });
    while (this.modules.size > capacity) this.modules.delete(this.modules.keys().next().value as string);
    return module;
  }

  private read(file: string, stamp: string): LoadedModule | undefined {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    if (text.includes('\u0000')) return undefined;
    const tree = this.parse(text);
    try {
      return { file, stamp, text, lowered: lowerPythonModule(tree.rootNode, text, true), lineStarts: lineStarts(text) };
    } finally {
      tree.delete();
    }
  }

  /** Forgets what it knows of files (after files were created or deleted). */
  clear(): void {
    this.modules.clear();
    this.resolved.clear();
    this.files.clear();
  }
}
