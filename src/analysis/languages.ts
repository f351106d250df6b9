// One record per language the analysis reviews: how its files are recognised (on disk and in the
// editor), how a suppression comment is written in it, and how it is analysed. The engine, the CLI
// walk and the editor look languages up here instead of naming one; a new language is one entry.
import type { ScannerRule } from './rules/rule';
import { templateRules } from './rules/templates';
import { scanTemplate, type TemplateDocument } from './templates/document';

/** How a file of the language is told from its path. */
export interface FilePatterns {
  /** Extensions (with the dot, lower case) that are always this language: `.py`, `.jinja`. */
  extensions: readonly string[];
  /**
   * Extensions that are this language only inside a language folder (`templates/page.html`), or
   * when code of the project names the file (`render_template("page.html")`).
   */
  folderExtensions?: readonly string[];
  /** Names of the language folders, unless the user configures others. */
  defaultFolders?: readonly string[];
}

/** A comment that may stand at the end of a line and hold a suppression directive. */
export interface CommentSyntax {
  open: string;
  close: string;
}

/** Parsed with web-tree-sitter: the grammar (parser.ts), rules and taint models (rules/index.ts) go by the language id. */
export interface TreeSitterAnalysis {
  kind: 'tree-sitter';
}

/** What a scanner leaves for its rules: a document, and the comments suppressions may sit in. */
export interface ScannedText<Document> {
  document: Document;
  comments: { line: number; text: string }[];
  /** Delimiters left open: findings cover what scanned. */
  hasSyntaxErrors: boolean;
}

/** Read by a small scanner of its own; its rules look at what the scanner found. */
export interface ScannerAnalysis<Document> {
  kind: 'scanner';
  scan(text: string, filePath: string | undefined): ScannedText<Document>;
  rules: readonly ScannerRule<Document>[];
}

export interface LanguageSupport {
  /** The id analyze() takes and rule metadata names in `languages`. */
  id: string;
  /** For people: messages, the README. */
  name: string;
  files: FilePatterns;
  /** VS Code language ids whose documents are this language wherever they are. */
  editorLanguageIds: readonly string[];
  /** VS Code language ids whose documents are this language only when their path says so (html in templates/). */
  editorLanguageIdsByPath?: readonly string[];
  comment: CommentSyntax;
  analysis: TreeSitterAnalysis | ScannerAnalysis<TemplateDocument>;
}

export const python: LanguageSupport = {
  id: 'python',
  name: 'Python',
  files: { extensions: ['.py', '.pyi'] },
  editorLanguageIds: ['python'],
  comment: { open: '#', close: '' },
  analysis: { kind: 'tree-sitter' },
};

export const template: LanguageSupport = {
  id: 'template',
  name: 'Jinja2 / Django template',
  files: {
    extensions: ['.jinja', '.jinja2', '.j2'],
    folderExtensions: ['.html', '.htm', '.txt', '.xml'],
    defaultFolders: ['templates'],
  },
  editorLanguageIds: ['jinja', 'jinja-html', 'jinja2', 'django-html', 'django-txt'],
  editorLanguageIdsByPath: ['html', 'plaintext', 'xml'],
  comment: { open: '{#', close: '#}' },
  analysis: { kind: 'scanner', scan: scanTemplate, rules: templateRules },
};

export const languages: readonly LanguageSupport[] = [python, template];

export function languageSupport(id: string): LanguageSupport | undefined {
  return languages.find((language) => language.id === id);
}

export function languageIds(): string[] {
  return languages.map((language) => language.id);
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
  for (const language of languages) {
    if (language.files.extensions.includes(extension)) return { language: language.id, by: 'extension' };
  }
  for (const language of languages) {
    if (!language.files.folderExtensions?.includes(extension)) continue;
    const wanted = options.folders?.[language.id] ?? language.files.defaultFolders ?? [];
    const inFolder = folderNames(path).some((folder) => wanted.includes(folder));
    return { language: language.id, by: inFolder ? 'folder' : 'reference' };
  }
  return undefined;
}

/**
 * The language of an editor document: its VS Code language id decides, or, for ids that many
 * files share (html, plain text), its path.
 */
export function languageOfDocument(editorLanguageId: string, path: string | undefined, options: RecognitionOptions = {}): string | undefined {
  for (const language of languages) if (language.editorLanguageIds.includes(editorLanguageId)) return language.id;
  if (!path) return undefined;
  const recognised = recogniseFile(path, options);
  if (!recognised || recognised.by === 'reference') return undefined;
  return languageSupport(recognised.language)?.editorLanguageIdsByPath?.includes(editorLanguageId) ? recognised.language : undefined;
}

/** The suppression comment for a line of this language, `# llama-review: ignore[id]` or `{# ... #}`. */
export function wrapComment(language: LanguageSupport, body: string): string {
  return language.comment.close ? `${language.comment.open} ${body} ${language.comment.close}` : `${language.comment.open} ${body}`;
}
