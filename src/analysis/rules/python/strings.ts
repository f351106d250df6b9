// String literals: their values, f-string parts and concatenation, and where the text of an
// expression comes from (a constant, text formatted in place, or a value computed at run time).
import type { Node } from 'web-tree-sitter';
import { valueBoundTo } from './bindings';
import { callArguments } from './calls';
import { unwrapParentheses } from './syntax';

/** True for an f-string or any string with `{...}` interpolation. */
export function isInterpolatedString(node: Node): boolean {
  return node.type === 'string' && node.namedChildren.some((child) => child?.type === 'interpolation');
}

/**
 * The value of a plain string literal (or implicit concatenation of them), escapes left as
 * written. Undefined for f-strings and non-strings.
 */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    let value = '';
    for (const part of node.namedChildren) {
      const partValue = stringValue(part);
      if (partValue === undefined) return undefined;
      value += partValue;
    }
    return value;
  }
  if (node.type !== 'string' || isInterpolatedString(node)) return undefined;
  let value = '';
  for (const child of node.namedChildren) {
    if (child && (child.type === 'string_content' || child.type === 'escape_sequence')) value += child.text;
  }
  return value;
}

/** The text of every literal part of a string, f-strings included (interpolations dropped). */
export function stringLiteralParts(node: Node): string {
  if (node.type === 'concatenated_string') return node.namedChildren.map((part) => (part ? stringLiteralParts(part) : '')).join('');
  let value = '';
  for (const child of node.namedChildren) {
    if (child && (child.type === 'string_content' || child.type === 'escape_sequence')) value += child.text;
    else if (child?.type === 'interpolation') value += ' ? ';
  }
  return value;
}

export function isStringNode(node: Node | null | undefined): boolean {
  return !!node && (node.type === 'string' || node.type === 'concatenated_string');
}

/** Where the text of an argument comes from, as far as the code at hand shows. */
export type TextOrigin = 'literal' | 'formatted' | 'dynamic';

const constantTypes = new Set(['integer', 'float', 'true', 'false', 'none']);

/**
 * `literal`: a constant string. `formatted`: text assembled in place by an f-string, `%`, `+`,
 * `.format()` or `.join()`, the shape of most injection bugs. `dynamic`: anything else (a name, a
 * call), which may or may not be trusted.
 */
export function textOrigin(node: Node): TextOrigin {
  const value = unwrapParentheses(node);
  if (stringValue(value) !== undefined || constantTypes.has(value.type)) return 'literal';
  if (value.type === 'string' && isInterpolatedString(value)) return 'formatted';
  if (value.type === 'concatenated_string') return 'formatted'; // one of its parts is an f-string
  if (value.type === 'binary_operator') {
    const operator = value.childForFieldName('operator')?.type;
    const left = value.childForFieldName('left');
    const right = value.childForFieldName('right');
    if (operator === '%' && left && textOrigin(left) !== 'dynamic') return 'formatted';
    if (operator === '+' && left && right) {
      const parts = [textOrigin(left), textOrigin(right)];
      if (parts.every((part) => part === 'literal')) return 'literal';
      if (parts.some((part) => part !== 'dynamic')) return 'formatted';
    }
  }
  if (value.type === 'call') {
    const callee = value.childForFieldName('function');
    const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    if (method === 'format' || (method === 'join' && isStringNode(callee!.childForFieldName('object')))) return 'formatted';
  }
  return 'dynamic';
}

/** A literal, or a name bound to one (`ORDERING = "ORDER BY id"`, `SAMPLE = "<a/>"` at module level). */
export function isConstantText(node: Node): boolean {
  if (textOrigin(node) === 'literal') return true;
  const bound = node.type === 'identifier' ? valueBoundTo(node) : undefined;
  return !!bound && textOrigin(bound) === 'literal';
}

/** The values pasted into formatted text: f-string fields, `%` operands, `+` operands, `.format()` arguments. */
export function interpolatedValues(node: Node): Node[] {
  const value = unwrapParentheses(node);
  switch (value.type) {
    case 'string':
      return value.namedChildren.flatMap((part) => (part?.type === 'interpolation' && part.firstNamedChild ? [part.firstNamedChild] : []));
    case 'concatenated_string':
      return value.namedChildren.flatMap((part) => (part ? interpolatedValues(part) : []));
    case 'binary_operator': {
      const operator = value.childForFieldName('operator')?.type;
      const left = value.childForFieldName('left')!;
      const right = unwrapParentheses(value.childForFieldName('right')!);
      if (operator === '%') return right.type === 'tuple' ? right.namedChildren.filter((item): item is Node => !!item) : [right];
      return [left, right].flatMap((operand) => (textOrigin(operand) === 'dynamic' ? [operand] : interpolatedValues(operand)));
    }
    case 'call':
      return callArguments(value).map((arg) => (arg.type === 'keyword_argument' ? arg.childForFieldName('value') ?? arg : arg));
    default:
      return [];
  }
}
