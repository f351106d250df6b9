// The project's other Python files as the flow layer reads them: imports resolved the way Python
// finds them from a file (its package, then the folders above it), files parsed and lowered once
// and kept while they do not change on disk.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Tree } from 'web-tree-sitter';
import type { LoadedModule, ProjectFiles } from '../project';
import { lowerPythonModule } from './lower';
import { lineStarts } from '../../lineStarts';

/** Folders above a file searched for the top package of an absolute import. */
const maxAncestors = 6;
/** Lowered modules kept; the oldest go first. */
const capacity = 96;
/** Syntax trees kept alive for the function bodies not lowered yet (a tree lives in wasm memory). */
const treeCapacity = 48;
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
  private readonly texts = new Map<string, { stamp: string; text: string | undefined }>();
  /** Live trees by file, most recently used last; each is deleted when it leaves. */
  private readonly trees = new Map<string, { text: string; tree: Tree }>();
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

  text(file: string): string | undefined {
    const stamp = this.stamp(file);
    if (!stamp) return undefined;
    const cached = this.texts.get(file);
    if (cached && cached.stamp === stamp) return cached.text;
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
    if (this.texts.size >= capacity * 4) this.texts.clear();
    this.texts.set(file, { stamp, text });
    return text;
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
    const text = this.text(file);
    if (text === undefined || text.includes('\u0000')) return undefined;
    // Bodies are lowered when a call needs them: most functions of an imported module never are.
    const treeSource = { root: () => this.treeFor(file, text) };
    return { file, stamp, text, lowered: lowerPythonModule(treeSource.root(), text, { treeSource }), lineStarts: lineStarts(text) };
  }

  /** A live tree of `text` (the file as it was read), parsed again if the last one was let go. */
  private treeFor(file: string, text: string): Tree['rootNode'] {
    const kept = this.trees.get(file);
    if (kept && kept.text === text) {
      this.trees.delete(file);
      this.trees.set(file, kept);
      return kept.tree.rootNode;
    }
    kept?.tree.delete();
    const tree = this.parse(text);
    this.trees.delete(file);
    this.trees.set(file, { text, tree });
    while (this.trees.size > treeCapacity) {
      const [oldest, entry] = this.trees.entries().next().value as [string, { tree: Tree }];
      entry.tree.delete();
      this.trees.delete(oldest);
    }
    return tree.rootNode;
  }

  /** Forgets what it knows of files (after files were created or deleted), and lets its trees go. */
  clear(): void {
    this.modules.clear();
    this.resolved.clear();
    this.files.clear();
    this.texts.clear();
    for (const { tree } of this.trees.values()) tree.delete();
    this.trees.clear();
  }
}
