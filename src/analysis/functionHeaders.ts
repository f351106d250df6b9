// Every function definition of a file with its header: decorators and `def` line. A security
// review of one route compares it with its siblings ("the other routes have @login_required"), so
// its prompt shows their headers; a review of a whole file goes function by function.
import type { Node } from 'web-tree-sitter';
import type { LineSpan } from './promptSpan';

export interface FunctionHeader {
  name: string;
  /** The whole definition, decorators included. */
  span: LineSpan;
  /** From the first decorator (or the `def`) to the line the signature ends on. */
  header: LineSpan;
  decorated: boolean;
  /** Inside another function (a nested helper, or a route in an app factory). */
  nested: boolean;
}

function describe(definition: Node): Omit<FunctionHeader, 'nested'> & { startIndex: number; endIndex: number } {
  const decorated = definition.parent?.type === 'decorated_definition';
  const outer = decorated ? definition.parent! : definition;
  const colon = definition.children.find((child) => child?.type === ':');
  return {
    name: definition.childForFieldName('name')?.text ?? 'function',
    span: { startLine: outer.startPosition.row, endLine: definition.endPosition.row },
    header: { startLine: outer.startPosition.row, endLine: colon?.startPosition.row ?? definition.startPosition.row },
    decorated,
    startIndex: definition.startIndex,
    endIndex: definition.endIndex,
  };
}

/** The file's function definitions in source order, methods and nested functions included. */
export function functionHeaders(root: Node): FunctionHeader[] {
  const found = root.descendantsOfType('function_definition').flatMap((definition) => (definition ? [describe(definition)] : []));
  // Nesting from the byte ranges: walking up through parents costs a walk down from the root each.
  return found.map(({ startIndex, endIndex, ...header }) => ({
    ...header,
    nested: found.some((other) => other.startIndex < startIndex && endIndex <= other.endIndex),
  }));
}
