// Resolves local names to the modules they were imported from, so `from hashlib import md5 as m`
// makes `m()` read as `hashlib.md5()` and `import subprocess as sp` makes `sp.run` `subprocess.run`.
import type { Node } from 'web-tree-sitter';
import type { ImportScope, NameResolver } from '../../languages/languageSupport';

export type ImportMap = Map<string, string>;

function bindAliased(map: ImportMap, node: Node, prefix: string | undefined): void {
  if (node.type === 'aliased_import') {
    const name = node.childForFieldName('name')?.text;
    const alias = node.childForFieldName('alias')?.text;
    if (name && alias) map.set(alias, prefix ? `${prefix}.${name}` : name);
  } else if (node.type === 'dotted_name') {
    const name = node.text;
    if (prefix) {
      map.set(name, `${prefix}.${name}`);
    } else {
      // `import os.path` binds `os`; `os.path.join` then resolves through it unchanged.
      const head = name.split('.')[0];
      if (!map.has(head)) map.set(head, head);
    }
  }
}

/** Binds the names of one `import` / `from ... import` statement. */
export function addImport(map: ImportMap, statement: Node): void {
  if (statement.type === 'import_statement') {
    for (const name of statement.childrenForFieldName('name')) if (name) bindAliased(map, name, undefined);
  } else if (statement.type === 'import_from_statement') {
    const module = statement.childForFieldName('module_name');
    if (!module || module.type === 'relative_import') return;
    for (const name of statement.childrenForFieldName('name')) if (name) bindAliased(map, name, module.text);
  }
}

/** The modules one import statement names: `import a.b as c` gives `a.b`; `from x.y import *` gives `x.y`. */
export function importedModules(statement: Node): string[] {
  if (statement.type === 'import_from_statement') {
    const module = statement.childForFieldName('module_name');
    return module && module.type !== 'relative_import' ? [module.text] : [];
  }
  if (statement.type !== 'import_statement') return [];
  return statement.childrenForFieldName('name').flatMap((name) => {
    const dotted = name?.type === 'aliased_import' ? name.childForFieldName('name') : name;
    return dotted?.type === 'dotted_name' ? [dotted.text] : [];
  });
}

/** Is `module`, or a submodule of it, among `imported`? */
export function isModuleImported(imported: ReadonlySet<string>, module: string): boolean {
  if (imported.has(module)) return true;
  for (const name of imported) if (name.startsWith(`${module}.`)) return true;
  return false;
}

/** Tree-sitter patterns for the engine to collect imports in its single pass. */
export const importQuery = '[(import_statement) (import_from_statement)] @import';

const dottedChain = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Dotted text of an identifier / attribute chain (`a.b.c`), or undefined for anything else
 * (`a().b`, `x[0].y`). Reads the node's text once instead of walking its children: each child
 * access crosses into wasm, and this runs for every call in the file.
 */
export function dottedName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const type = node.type;
  if (type === 'identifier') return node.text;
  if (type !== 'attribute') return undefined;
  const text = node.text;
  const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  return dottedChain.test(compact) ? compact : undefined;
}

export function qualify(dotted: string | undefined, imports: ImportMap): string | undefined {
  if (!dotted) return undefined;
  const dot = dotted.indexOf('.');
  const head = dot < 0 ? dotted : dotted.slice(0, dot);
  const bound = imports.get(head);
  if (!bound) return dotted;
  return dot < 0 ? bound : bound + dotted.slice(dot);
}

/** The engine's resolver for Python (languages/python.ts): the imports a file binds, for qualifiedName() and importsModule(). */
export const pythonNames: NameResolver = {
  importQuery,
  scope(): ImportScope {
    const imports: ImportMap = new Map();
    const modules = new Set<string>();
    return {
      add(statement) {
        addImport(imports, statement);
        for (const module of importedModules(statement)) modules.add(module);
      },
      qualifiedName: (node) => qualify(dottedName(node), imports),
      importsModule: (module) => isModuleImported(modules, module),
    };
  },
};
