// What a language record holds: everything language-specific that the engine, the CLI and the
// editor need, so that none of them names a language. docs/adding-a-language.md walks through it.
import type { Node, Tree } from 'web-tree-sitter';
import type { AnalyzeOptions, SkipReason } from '../engine';
import type { LoweredModule } from '../flow/ir';
import type { FrameworkModel } from '../flow/models';
import type { ProjectFiles } from '../flow/project';
import type { Rule, ScannerRule, TaintRule } from '../rules/rule';
import type { TemplateDocument } from '../templates/document';

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
  /** A file named on the command line that no language recognises is read as this language (one language at most). */
  fallback?: boolean;
}

/** A comment that may stand at the end of a line and hold a suppression directive. */
export interface CommentSyntax {
  open: string;
  close: string;
  /** Ruff's `noqa` and Bandit's `nosec` belong here: "suppress on this line" may write them instead of our directive. */
  toolDirectives?: boolean;
  /** A line ending in this goes on on the next one, so no comment may follow it (`\`). */
  lineContinuation?: string;
  /** The first line a file-wide directive may go on, after lines that must stay first (a shebang); default 0. */
  firstFileCommentLine?(lines: readonly string[]): number;
}

/** Reads one file's imports, so that rules see `sp.run` as `subprocess.run`. */
export interface ImportScope {
  /** One statement the import query matched; every one is added before any rule runs. */
  add(statement: Node): void;
  /** The fully qualified dotted name of a name or attribute chain; undefined for other nodes. */
  qualifiedName(node: Node): string | undefined;
  /** Does the file import `module` or a submodule of it anywhere? */
  importsModule(module: string): boolean;
}

/** The engine's name resolver for a language: its import statements, matched in the rules' single query pass. */
export interface NameResolver {
  /** Tree-sitter patterns, one capture per import statement. */
  importQuery: string;
  /** A fresh scope for one file. */
  scope(): ImportScope;
}

/** The project's other files as flow reads them, kept between analyses until cleared. */
export type FlowProject = ProjectFiles & { clear(): void };

/** Taint rules, the framework models that feed them, and how the flow layer reads the language. */
export interface TaintSupport {
  rules: readonly TaintRule[];
  models: readonly FrameworkModel[];
  /** The syntax tree as flow IR (flow/ir.ts): the solver reads only that. */
  lower(root: Node, text: string): LoweredModule;
  /** The project's other files as flow reads them for imported helpers; `parse` parses one of them. */
  openProject(parse: (text: string) => Tree): FlowProject;
}

/** Parsed with web-tree-sitter; its rules query the tree in one combined pass. */
export interface TreeSitterAnalysis {
  kind: 'tree-sitter';
  /** The grammar's wasm file and the npm package that ships it (the bundle keeps a copy beside itself). */
  grammar: { packageName: string; wasm: string };
  /** The pattern that captures comments, where suppressions are read. */
  commentQuery: string;
  rules: readonly Rule[];
  /** Without one, rules' qualifiedName() is undefined and importsModule() false. */
  names?: NameResolver;
  /** Flow analysis runs only for languages that have taint rules. */
  taint?: TaintSupport;
  /** A cheap look at the text before parsing: why the file must not reach the parser, if it must not. */
  beforeParse?(text: string, options: AnalyzeOptions): { reason: SkipReason; message: string } | undefined;
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
  /** The name a Markdown code fence gives the language, for VS Code to colour it (`jinja`). */
  markdownFence?: string;
  /** The model's prompts and checks know the language: explain and fix with the model are offered for it. */
  modelReviewed?: boolean;
  /** The template names a file renders (`render_template("page.html")`): templates outside template folders are checked when named. */
  templateNames?(text: string): string[];
  analysis: TreeSitterAnalysis | ScannerAnalysis<TemplateDocument>;
}
