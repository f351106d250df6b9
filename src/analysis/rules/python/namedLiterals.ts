// String literals and the names they are bound to, in every form the hardcoded-secret rules read:
// assignments, dictionary entries, keyword arguments, parameter defaults and comparisons.
import type { Node } from 'web-tree-sitter';
import type { RuleMatch } from '../rule';
import { isStringNode, stringValue } from './strings';

/**
 * A string literal and the name it is bound to, in every form the hardcoded-secret rules read.
 * Rules with this exact query share its patterns.
 */
export const namedLiteralQuery = `(assignment left: (_) @name right: [(string) (concatenated_string)] @literal) @site
(pair key: (string) @name value: [(string) (concatenated_string)] @literal) @site
(keyword_argument name: (identifier) @name value: [(string) (concatenated_string)] @literal) @site
(default_parameter name: (identifier) @name value: [(string) (concatenated_string)] @literal) @site
(typed_default_parameter name: (identifier) @name value: [(string) (concatenated_string)] @literal) @site
(comparison_operator) @site`;

export type BindingKind = 'assignment' | 'dictionary' | 'comparison' | 'keyword' | 'default';

export interface NamedLiteral {
  kind: BindingKind;
  /** The name as the code spells it: `db_password`, `password` for `self.password` or `cfg["password"]`. */
  name: string;
  /** The node that names it: identifier, attribute, subscript or dictionary key. */
  target: Node;
  literal: Node;
  /** The literal's text, escapes as written. */
  value: string;
}

const bindingKinds: Record<string, BindingKind> = {
  assignment: 'assignment',
  pair: 'dictionary',
  comparison_operator: 'comparison',
  keyword_argument: 'keyword',
  default_parameter: 'default',
  typed_default_parameter: 'default',
};

/**
 * A string key that reads as a name: `"password"`, `"X-Api-Key"`, `"db.password"`; not a type
 * such as `"AWS::IAM::AccessKey"` or a sentence.
 */
function keyName(key: Node): string | undefined {
  const text = stringValue(key);
  return text !== undefined && /^[A-Za-z_][\w.\-]*$/.test(text) ? text : undefined;
}

/** The name a target stands for: `x`, `obj.x` and `obj["x"]` all give `x`. */
export function targetName(target: Node): string | undefined {
  switch (target.type) {
    case 'identifier':
      return target.text;
    case 'attribute':
      return target.childForFieldName('attribute')?.text;
    case 'subscript': {
      const keys = target.childrenForFieldName('subscript');
      return keys.length === 1 && keys[0] ? keyName(keys[0]) : undefined;
    }
    case 'string':
      return keyName(target);
    default:
      return undefined;
  }
}

/** `password == "x"` or `"x" == password`: the named side and the literal side. */
function comparedLiteral(comparison: Node): { target: Node; literal: Node } | undefined {
  const operands = comparison.namedChildren.filter((child): child is Node => !!child);
  const operators = comparison.childrenForFieldName('operators');
  if (operands.length !== 2 || operators.length !== 1 || !['==', '!='].includes(operators[0]!.type)) return undefined;
  const [left, right] = operands;
  // Which side is the literal is told by its type; its value is read only for a wanted name.
  if (isStringNode(right)) return { target: left, literal: right };
  if (isStringNode(left)) return { target: right, literal: left };
  return undefined;
}

/**
 * The literal of a `namedLiteralQuery` match and what it is bound to; undefined for f-strings and
 * for names that `wanted` turns down (checked before the literal is read: most names are not wanted).
 */
export function namedLiteralOf(match: RuleMatch, wanted: (name: string) => boolean = () => true): NamedLiteral | undefined {
  const site = match.get('site');
  const kind = site && bindingKinds[site.type];
  if (!site || !kind) return undefined;
  const parts = kind === 'comparison' ? comparedLiteral(site) : { target: match.get('name'), literal: match.get('literal') };
  if (!parts?.target || !parts.literal) return undefined;
  const name = targetName(parts.target);
  if (name === undefined || !wanted(name)) return undefined;
  const value = stringValue(parts.literal);
  if (value === undefined) return undefined;
  return { kind, name, target: parts.target, literal: parts.literal, value };
}
