// web-tree-sitter set-up: one runtime init, one grammar per language, and a cache of parse trees
// that frees each tree it drops (trees live in wasm memory and are not garbage collected).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { languageSupport } from './languages';
import { editBetween } from './textDiff';

/** The grammar's wasm file and the npm package that ships it, from the language's record. */
function grammarOf(language: string): { wasm: string; packageName: string } | undefined {
  const analysis = languageSupport(language)?.analysis;
  return analysis?.kind === 'tree-sitter' ? analysis.grammar : undefined;
}

/** Is the language parsed with a grammar (not read by a scanner of its own)? */
export function hasGrammar(language: string): boolean {
  return grammarOf(language) !== undefined;
}

/** The bundle keeps wasm files next to itself; a checkout finds them in node_modules. */
function locateWasm(fileName: string, packageName: string): string {
  const besideBundle = join(__dirname, fileName);
  if (existsSync(besideBundle)) return besideBundle;
  return require.resolve(`${packageName}/${fileName}`);
}

let runtimeReady: Promise<void> | undefined;
const languages = new Map<string, Promise<Language>>();

function initRuntime(): Promise<void> {
  runtimeReady ??= Parser.init({
    locateFile: (name: string) => locateWasm(name, 'web-tree-sitter'),
  });
  return runtimeReady;
}

export async function loadLanguage(language: string): Promise<Language> {
  const grammar = grammarOf(language);
  if (!grammar) throw new Error(`No grammar for language "${language}".`);
  let loaded = languages.get(language);
  if (!loaded) {
    loaded = initRuntime().then(() => Language.load(locateWasm(grammar.wasm, grammar.packageName)));
    languages.set(language, loaded);
    loaded.catch(() => languages.delete(language));
  }
  return loaded;
}

export class ParseCancelledError extends Error {
  constructor() {
    super('Parsing was cancelled because it ran past its time budget.');
  }
}

/**
 * A trap inside the wasm code (out-of-bounds access, unreachable): the wasm heap may be damaged,
 * so nothing that lives in it should be trusted or freed afterwards.
 */
export function isWasmTrap(error: unknown): boolean {
  return !!wasmRuntimeError && error instanceof wasmRuntimeError;
}

// This project's TypeScript libraries leave WebAssembly undeclared; Node has it everywhere.
const wasmRuntimeError = (globalThis as { WebAssembly?: { RuntimeError: abstract new () => Error } }).WebAssembly?.RuntimeError;

/** A parser bound to one language. Not re-entrant: wasm parsing is synchronous anyway. */
export class LanguageParser {
  private parser: Parser;

  constructor(readonly language: string, readonly grammar: Language) {
    this.parser = LanguageParser.fresh(grammar);
  }

  static async create(language: string): Promise<LanguageParser> {
    return new LanguageParser(language, await loadLanguage(language));
  }

  private static fresh(grammar: Language): Parser {
    const parser = new Parser();
    parser.setLanguage(grammar);
    return parser;
  }

  /**
   * Parses `text`, reusing the unchanged parts of `previous` (a tree already edited to match);
   * throws ParseCancelledError once `deadline` (a performance.now() time) passes.
   */
  parse(text: string, deadline = Number.POSITIVE_INFINITY, previous?: Tree): Tree {
    const progressCallback = () => performance.now() > deadline;
    // The runtime cancels when the callback returns true; its typings say void.
    const tree = this.parser.parse(text, previous ?? null, {
      progressCallback: progressCallback as unknown as () => void,
    });
    if (!tree) {
      // A cancelled parser keeps a half-built parse to resume; a new one starts from nothing.
      this.parser.delete();
      this.parser = LanguageParser.fresh(this.grammar);
      throw new ParseCancelledError();
    }
    return tree;
  }

  /** After a wasm trap: a new parser, and the old one left alone, since freeing it may trap again. */
  replaceAfterTrap(): void {
    this.parser = LanguageParser.fresh(this.grammar);
  }

  dispose(): void {
    this.parser.delete();
  }
}

/**
 * Keeps the latest tree per document key so that re-analysis of unchanged text does not re-parse.
 * Bounded; every tree that leaves the cache is deleted.
 */
export class ParseCache {
  private readonly entries = new Map<string, { text: string; tree: Tree }>();

  constructor(private readonly capacity = 16) {}

  get(key: string, text: string): Tree | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.text !== text) return undefined;
    this.touch(key, entry);
    return entry.tree;
  }

  /**
   * A copy of the key's tree edited to match `text`, for an incremental reparse; the caller deletes
   * it. Undefined when there is no tree for the key.
   */
  editedCopy(key: string, text: string): Tree | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const edit = editBetween(entry.text, text);
    const copy = entry.tree.copy();
    if (edit) copy.edit(edit);
    return copy;
  }

  private touch(key: string, entry: { text: string; tree: Tree }): void {
    // Refresh recency.
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  set(key: string, text: string, tree: Tree): void {
    const previous = this.entries.get(key);
    if (previous && previous.tree !== tree) previous.tree.delete();
    this.entries.delete(key);
    this.entries.set(key, { text, tree });
    while (this.entries.size > this.capacity) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, { tree: Tree }];
      oldest.tree.delete();
      this.entries.delete(oldestKey);
    }
  }

  evict(key: string): void {
    this.entries.get(key)?.tree.delete();
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    for (const entry of this.entries.values()) entry.tree.delete();
    this.entries.clear();
  }

  /** Forgets every tree without freeing it: after a wasm trap their memory may be damaged. */
  abandon(): void {
    this.entries.clear();
  }
}
