// The language registry: one record per language (python.ts, template.ts) saying how its files are
// recognised (on disk and in the editor), how a suppression comment is written in it, and how it
// is analysed. The engine, the CLI walk and the editor look languages up here instead of naming
// one; a new language is one record (docs/adding-a-language.md).
import type { LanguageSupport } from './languageSupport';
import { python } from './python';
import { template } from './template';

export type * from './languageSupport';
export { python, template };

/** The languages this build ships. */
export const shippedLanguages: readonly LanguageSupport[] = [python, template];

/**
 * Languages added at run time from a module (tests, trying a language out), by the module's path:
 * a worker thread has a registry of its own and loads the same paths (cli/checkPool.ts).
 */
const addedLanguages = new Map<string, { language: LanguageSupport; modulePath: string }>();

/** Every language: the shipped ones, then those added. */
export function allLanguages(): readonly LanguageSupport[] {
  if (addedLanguages.size === 0) return shippedLanguages;
  return [...shippedLanguages, ...[...addedLanguages.values()].map((added) => added.language)];
}

/**
 * Loads a module that exports a LanguageSupport as `language` and adds it to the registry; the
 * returned function removes it again. The module is loaded by its path so that worker threads
 * can load it too (see addedLanguageModules).
 */
export function addLanguageModule(modulePath: string): () => void {
  const language = (require(modulePath) as { language?: LanguageSupport }).language;
  if (!language?.id) throw new Error(`${modulePath} exports no language record as "language".`);
  if (languageSupport(language.id)) throw new Error(`Language "${language.id}" is already registered.`);
  addedLanguages.set(language.id, { language, modulePath });
  return () => {
    if (addedLanguages.get(language.id)?.language === language) addedLanguages.delete(language.id);
  };
}

/** The module paths of the languages added at run time, for worker threads to add too. */
export function addedLanguageModules(): string[] {
  return [...addedLanguages.values()].map((added) => added.modulePath);
}

export function languageSupport(id: string): LanguageSupport | undefined {
  return allLanguages().find((language) => language.id === id);
}

export function languageIds(): string[] {
  return allLanguages().map((language) => language.id);
}

/** How sure a path is of its language: by its extension, by its folder, or only if code names it. */
export type Recognition = { language: string; by: 'extension' | 'folder' } | { language: string; by: 'reference' };

export interface RecognitionOptions {
  /** Language folders per language id, instead of its defaults (`{"template": ["templates", "jinja"]}`). */
  folders?: Readonly<Record<string, readonly string[]>>;
}

function extensionOf(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

function folderNames(path: string): string[] {
  return path.split(/[\\/]/).slice(0, -1);
}

/** The language of a file on disk by its path; undefined for files no language reviews. */
export function recogniseFile(path: string, options: RecognitionOptions = {}): Recognition | undefined {
  const extension = extensionOf(path);
  if (!extension) return undefined;
  for (const language of allLanguages()) {
    if (language.files.extensions.includes(extension)) return { language: language.id, by: 'extension' };
  }
  for (const language of allLanguages()) {
    if (!language.files.folderExtensions?.includes(extension)) continue;
    const wanted = options.folders?.[language.id] ?? language.files.defaultFolders ?? [];
    const inFolder = folderNames(path).some((folder) => wanted.includes(folder));
    return { language: language.id, by: inFolder ? 'folder' : 'reference' };
  }
  return undefined;
}

/** The language of a file named on the command line: as recognised, else the language that takes the files no other does. */
export function languageOfNamedFile(path: string, options: RecognitionOptions = {}): string | undefined {
  return recogniseFile(path, options)?.language ?? allLanguages().find((language) => language.files.fallback)?.id;
}

/**
 * The language of an editor document: its VS Code language id decides, or, for ids that many
 * files share (html, plain text), its path.
 */
export function languageOfDocument(editorLanguageId: string, path: string | undefined, options: RecognitionOptions = {}): string | undefined {
  for (const language of allLanguages()) if (language.editorLanguageIds.includes(editorLanguageId)) return language.id;
  if (!path) return undefined;
  const recognised = recogniseFile(path, options);
  if (!recognised || recognised.by === 'reference') return undefined;
  return languageSupport(recognised.language)?.editorLanguageIdsByPath?.includes(editorLanguageId) ? recognised.language : undefined;
}

/** The suppression comment for a line of this language, `# llama-review: ignore[id]` or `{# ... #}`. */
export function wrapComment(language: LanguageSupport, body: string): string {
  return language.comment.close ? `${language.comment.open} ${body} ${language.comment.close}` : `${language.comment.open} ${body}`;
}

/** Extensions of the files cross-file flow reads: those of the languages with taint rules, whose flow follows imports. */
export function importedModuleExtensions(): string[] {
  return allLanguages().flatMap((language) => (language.analysis.kind === 'tree-sitter' && language.analysis.taint ? language.files.extensions : []));
}
