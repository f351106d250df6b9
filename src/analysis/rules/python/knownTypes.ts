// The builtin type a value certainly has, where the file alone shows it: a display or comprehension
// (`{}`, `[x for x in y]`, a string), or a name bound exactly once in its scope, to one, before it
// is used. A fix that keeps its meaning only for builtin containers (dropping `.keys()`, `not x`
// for `len(x) == 0`) is safe where this answers, unsafe elsewhere.
import type { Node, Tree } from 'web-tree-sitter';
import { enclosingScope, precedingBinding } from './refactoring/support';

export type BuiltinType = 'dict' | 'list' | 'set' | 'tuple' | 'str' | 'bytes';

const displayTypes: Readonly<Record<string, BuiltinType>> = {
  dictionary: 'dict',
  dictionary_comprehension: 'dict',
  list: 'list',
  list_comprehension: 'list',
  set: 'set',
  set_comprehension: 'set',
  tuple: 'tuple',
  string: 'str',
  concatenated_string: 'str',
};

function displayType(node: Node): BuiltinType | undefined {
  while (node.type === 'parenthesized_expression' && node.namedChildCount === 1) node = node.firstNamedChild!;
  const type = displayTypes[node.type];
  return type === 'str' && /^[rRuUfF]*[bB]/.test(node.text) ? 'bytes' : type;
}

/** Binding statements and clauses, and where in each the bound names are (the whole node when undefined). */
const binderTargets: Readonly<Record<string, string | undefined>> = {
  assignment: 'left',
  augmented_assignment: 'left',
  for_statement: 'left',
  for_in_clause: 'left',
  named_expression: 'name',
  as_pattern: 'alias',
  function_definition: 'name',
  class_definition: 'name',
  parameters: undefined,
  lambda_parameters: undefined,
  global_statement: undefined,
  nonlocal_statement: undefined,
  delete_statement: undefined,
  import_statement: undefined,
  import_from_statement: undefined,
  case_pattern: undefined,
};
const binderTypes = Object.keys(binderTargets);

/** Does an assignment target bind `name`? `x[i] = ...` and `x.y = ...` bind nothing. */
function targetBinds(target: Node, name: string): boolean {
  if (target.type === 'identifier') return target.text === name;
  if (target.type === 'subscript' || target.type === 'attribute') return false;
  return target.namedChildren.some((child) => !!child && targetBinds(child, name));
}

function binds(binder: Node, name: string): boolean {
  const field = binderTargets[binder.type];
  if (field === undefined) return binder.descendantsOfType('identifier').some((identifier) => identifier?.text === name);
  const target = binder.childForFieldName(field);
  return !!target && targetBinds(target, name);
}

// Counted once per scope and name: a rule asks for every finding, and a scope is walked whole.
const bindingCounts = new WeakMap<Tree, Map<string, number>>();

/**
 * How many places in `scope` bind `name`, nested functions included: a nested `global` or
 * `nonlocal` may rebind it, and counting too many only makes a fix unsafe.
 */
function bindingCount(scope: Node, name: string): number {
  let counts = bindingCounts.get(scope.tree);
  if (!counts) bindingCounts.set(scope.tree, (counts = new Map()));
  const key = `${scope.id}:${name}`;
  let count = counts.get(key);
  if (count === undefined) {
    count = scope.descendantsOfType(binderTypes).filter((binder) => !!binder && binds(binder, name)).length;
    counts.set(key, count);
  }
  return count;
}

/** The builtin type of `node` when the file proves it, else undefined. */
export function builtinTypeOf(node: Node): BuiltinType | undefined {
  if (node.type !== 'identifier') return displayType(node);
  // The one binding must run before the use on every path: an earlier statement of an enclosing block.
  const binding = precedingBinding(node, node.text);
  if (!binding?.value) return undefined;
  const scope = enclosingScope(node) ?? node.tree.rootNode;
  return bindingCount(scope, node.text) === 1 ? displayType(binding.value) : undefined;
}
