// The builtin type a value certainly has, where the file alone shows it: a display or comprehension
// (`{}`, `[x for x in y]`, a string), or a name bound exactly once in its scope, to one, before it
// is used. A fix that keeps its meaning only for builtin containers (dropping `.keys()`, `not x`
// for `len(x) == 0`) is safe where this answers, unsafe elsewhere.
import type { Node, Tree } from 'web-tree-sitter';
import { precedingBinding } from './bindings';
import { enclosingScope } from './scopes';

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

/** The names an assignment target binds: `x[i] = ...` and `x.y = ...` bind none. */
function targetNames(target: Node, names: string[]): void {
  if (target.type === 'identifier') names.push(target.text);
  else if (target.type !== 'subscript' && target.type !== 'attribute') for (const child of target.namedChildren) if (child) targetNames(child, names);
}

function namesBoundBy(binder: Node): string[] {
  const field = binderTargets[binder.type];
  if (field === undefined) return binder.descendantsOfType('identifier').map((identifier) => identifier?.text ?? '');
  const target = binder.childForFieldName(field);
  const names: string[] = [];
  if (target) targetNames(target, names);
  return names;
}

// Counted once per scope, for every name at once: rules ask for each finding, and a walk per
// name would make a module with many of them quadratic.
const bindingCountsByTree = new WeakMap<Tree, Map<number, Map<string, number>>>();

/**
 * How many places in `scope` bind each name, nested functions included: a nested `global` or
 * `nonlocal` may rebind it, and counting too many only makes a fix unsafe.
 */
function bindingCounts(scope: Node): Map<string, number> {
  let byScope = bindingCountsByTree.get(scope.tree);
  if (!byScope) bindingCountsByTree.set(scope.tree, (byScope = new Map()));
  let counts = byScope.get(scope.id);
  if (!counts) {
    counts = new Map();
    for (const binder of scope.descendantsOfType(binderTypes)) {
      for (const name of binder ? namesBoundBy(binder) : []) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    byScope.set(scope.id, counts);
  }
  return counts;
}

/** The builtin type of `node` when the file proves it, else undefined. */
export function builtinTypeOf(node: Node): BuiltinType | undefined {
  if (node.type !== 'identifier') return displayType(node);
  // The one binding must run before the use on every path: an earlier statement of an enclosing block.
  const binding = precedingBinding(node, node.text);
  if (!binding?.value) return undefined;
  const scope = enclosingScope(node) ?? node.tree.rootNode;
  return bindingCounts(scope).get(node.text) === 1 ? displayType(binding.value) : undefined;
}
