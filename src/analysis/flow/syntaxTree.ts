// A plain JavaScript copy of the parts of a tree-sitter tree that flow analysis reads. Reading a
// node through the Node API crosses into wasm for every property; one cursor walk crosses a few
// times per node, and everything after it is ordinary object access.
import type { Language, Node } from 'web-tree-sitter';

export interface SyntaxNode {
  readonly type: string;
  /** Field name in the parent (`left`, `body`, ...), if the grammar gives one. */
  readonly field: string | undefined;
  readonly named: boolean;
  /** Offsets into the analyzed text, in UTF-16 code units as JavaScript strings count them. */
  readonly start: number;
  readonly end: number;
  readonly children: SyntaxNode[];
  /** A function body left uncopied: copy it with `copySyntaxTree` when it is needed. */
  readonly deferred?: Node;
}

export interface CopyOptions {
  /** Leave function bodies uncopied (see `deferred`): most of a large file is never analyzed. */
  deferFunctionBodies: boolean;
  /**
   * Node types whose children are not copied because the text says everything (string literals
   * that are not f-strings, for example); return true to copy them.
   */
  descendInto?: (type: string, start: number, end: number) => boolean;
}

interface TypeTables {
  types: string[];
  named: boolean[];
  fields: (string | undefined)[];
}

const tablesByLanguage = new WeakMap<Language, TypeTables>();

function tablesFor(language: Language): TypeTables {
  let tables = tablesByLanguage.get(language);
  if (!tables) {
    const types: string[] = [];
    const named: boolean[] = [];
    for (let id = 0; id < language.nodeTypeCount; id++) {
      types.push(language.nodeTypeForId(id) ?? '');
      named.push(language.nodeTypeIsNamed(id));
    }
    const fields: (string | undefined)[] = [];
    for (let id = 0; id <= language.fieldCount; id++) fields.push(language.fieldNameForId(id) ?? undefined);
    tables = { types, named, fields };
    tablesByLanguage.set(language, tables);
  }
  return tables;
}

/** Leaves: asking the cursor for their children is a wasted crossing. */
const leafTypes = new Set(['identifier', 'integer', 'float', 'true', 'false', 'none', 'ellipsis', 'escape_sequence', 'type_conversion']);

/** Anonymous tokens kept: those with a field (operators) and the colons that shape a slice. */
function keepsAnonymous(parentType: string, field: string | undefined): boolean {
  return field !== undefined || parentType === 'slice';
}

/**
 * Copies `root` and everything under it, without comments and without punctuation that carries
 * no meaning for flow. Iterative, so a deeply nested file cannot overflow the stack here.
 */
export function copySyntaxTree(root: Node, options: CopyOptions): SyntaxNode {
  const tables = tablesFor(root.tree.language);
  const cursor = root.walk();
  try {
    const top: SyntaxNode = { type: root.type, field: undefined, named: true, start: root.startIndex, end: root.endIndex, children: [] };
    const stack: SyntaxNode[] = [top];
    if (!cursor.gotoFirstChild()) return top;
    for (;;) {
      const parent = stack[stack.length - 1];
      const typeId = cursor.nodeTypeId;
      const type = tables.types[typeId];
      const named = tables.named[typeId];
      let descend = false;
      if (type !== 'comment') {
        const field = tables.fields[cursor.currentFieldId];
        if (named || keepsAnonymous(parent.type, field)) {
          const start = cursor.startIndex;
          const end = cursor.endIndex;
          const defer = options.deferFunctionBodies && type === 'block' && field === 'body' && parent.type === 'function_definition';
          const node: SyntaxNode = defer
            ? { type, field, named, start, end, children: [], deferred: cursor.currentNode }
            : { type, field, named, start, end, children: [] };
          parent.children.push(node);
          descend = named && !defer && !leafTypes.has(type) && (!options.descendInto || options.descendInto(type, start, end));
          if (descend && cursor.gotoFirstChild()) {
            stack.push(node);
            continue;
          }
        }
      }
      while (!cursor.gotoNextSibling()) {
        if (stack.length === 1 || !cursor.gotoParent()) return top;
        stack.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}

/** The first child in `field`. */
export function fieldChild(node: SyntaxNode, field: string): SyntaxNode | undefined {
  for (const child of node.children) if (child.field === field) return child;
  return undefined;
}

/** Every child in `field`. */
export function fieldChildren(node: SyntaxNode, field: string): SyntaxNode[] {
  return node.children.filter((child) => child.field === field);
}

export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((child) => child.named);
}
