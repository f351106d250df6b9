// A TOML file read with its positions: the plain value of the document and, for every key path,
// the line it is written on, so a configuration error can name the line of the key it is about.
import { getStaticTOMLValue, parseTOML, type AST } from 'toml-eslint-parser';

export interface TomlDocument {
  value: Record<string, unknown>;
  /** 1-based line of each key path, joined with NUL (`tool\0llama-review\0select`). */
  lines: Map<string, number>;
}

export class TomlSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

export function pathKey(path: readonly (string | number)[]): string {
  return path.join('\0');
}

/** Parses TOML text; a syntax error is thrown as a TomlSyntaxError with its 1-based line and column. */
export function readTomlDocument(text: string): TomlDocument {
  let program: AST.TOMLProgram;
  try {
    program = parseTOML(text);
  } catch (error) {
    const { lineNumber, column, message } = error as { lineNumber?: number; column?: number; message: string };
    throw new TomlSyntaxError(message, lineNumber ?? 1, (column ?? 0) + 1);
  }
  const lines = new Map<string, number>();
  const note = (path: readonly (string | number)[], line: number) => {
    const key = pathKey(path);
    if (!lines.has(key)) lines.set(key, line);
  };
  const visitValue = (node: AST.TOMLContentNode, path: (string | number)[]): void => {
    if (node.type === 'TOMLInlineTable') for (const entry of node.body) visitKeyValue(entry, path);
    else if (node.type === 'TOMLArray') node.elements.forEach((element, index) => {
      note([...path, index], element.loc.start.line);
      visitValue(element, [...path, index]);
    });
  };
  const visitKeyValue = (entry: AST.TOMLKeyValue, prefix: (string | number)[]): void => {
    const path = [...prefix];
    for (const part of entry.key.keys) {
      path.push(part.type === 'TOMLBare' ? part.name : part.value);
      note(path, entry.loc.start.line);
    }
    visitValue(entry.value, path);
  };
  for (const node of program.body[0]?.body ?? []) {
    if (node.type === 'TOMLKeyValue') {
      visitKeyValue(node, []);
    } else {
      const path = [...node.resolvedKey];
      for (let length = 1; length <= path.length; length++) note(path.slice(0, length), node.loc.start.line);
      for (const entry of node.body) visitKeyValue(entry, path);
    }
  }
  return { value: getStaticTOMLValue(program) as Record<string, unknown>, lines };
}

/** The line of a key path, or of its nearest ancestor written in the file. */
export function lineOf(document: TomlDocument, path: readonly (string | number)[]): number {
  for (let length = path.length; length > 0; length--) {
    const line = document.lines.get(pathKey(path.slice(0, length)));
    if (line !== undefined) return line;
  }
  return 1;
}
