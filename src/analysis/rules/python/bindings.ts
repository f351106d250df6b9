// What names are bound to, as far as one file shows. Two questions with two costs: the value a
// name was last given before a use (its function, then the module; `with ... as` counts), and the
// nearest assignment before a node in the blocks around it (cheap enough for every loop body).
// NameBindings is the interface; the flow layer could answer the same questions from its own model.
import type { Node } from 'web-tree-sitter';
import { enclosingScope } from './scopes';
import { type BlockStatements, enclosingStatements, maxEnclosingStatements, namedSiblings } from './statements';

export interface Binding {
  statement: Node;
  /** The value assigned to the name itself; undefined when it comes out of unpacking. */
  value?: Node;
}

export interface NameBindings {
  valueBoundTo(identifier: Node): Node | undefined;
  precedingBinding(node: Node, name: string, maxLevels?: number): Binding | undefined;
}

/** The function, class or lambda around `node`, or else the module. */
function scopeOf(node: Node): Node {
  return enclosingScope(node) ?? node.tree.rootNode;
}

/** The value that `binding` gives `name`: `name = value` or `with value as name`. */
function boundValue(binding: Node, name: string): Node | undefined {
  if (binding.type === 'assignment') {
    const target = binding.childForFieldName('left');
    return target?.type === 'identifier' && target.text === name ? binding.childForFieldName('right') ?? undefined : undefined;
  }
  // `with tarfile.open(p) as tar:` is with_item > as_pattern(value, alias: as_pattern_target).
  const alias = binding.childForFieldName('alias')?.firstNamedChild;
  if (binding.parent?.type !== 'with_item' || alias?.type !== 'identifier' || alias.text !== name) return undefined;
  return binding.firstNamedChild ?? undefined;
}

/** The value last bound to `name` in `scope` itself (not in nested functions) before `before`. */
function lastBindingIn(scope: Node, name: string, before: Node): Node | undefined {
  let latest: Node | undefined;
  for (const binding of scope.descendantsOfType(['assignment', 'as_pattern'], scope.startPosition, before.startPosition)) {
    if (!binding || binding.startIndex >= before.startIndex) continue;
    const value = boundValue(binding, name);
    if (value && scopeOf(binding).id === scope.id) latest = value;
  }
  return latest;
}

function isParameterOf(scope: Node, name: string): boolean {
  const parameters = scope.childForFieldName('parameters');
  return !!parameters && parameters.descendantsOfType('identifier').some((identifier) => identifier?.text === name);
}

/**
 * The value last bound to `identifier` before it is used: `name = value` or `with value as name`
 * in its own function, class or module, then at module level for a name the function does not
 * bind or take as a parameter. Does not follow calls, loops or branches; meant only for the few
 * nodes a rule already cares about.
 */
export function valueBoundTo(identifier: Node): Node | undefined {
  if (identifier.type !== 'identifier') return undefined;
  const scope = scopeOf(identifier);
  const local = lastBindingIn(scope, identifier.text, identifier);
  if (local || scope.type === 'module' || isParameterOf(scope, identifier.text)) return local;
  return lastBindingIn(identifier.tree.rootNode, identifier.text, scope);
}

const destructuringTypes = new Set(['pattern_list', 'tuple_pattern', 'list_pattern']);

/** The names an assignment target binds: `name`, or the plain names in `a, b = ...`. */
function targetNames(target: Node | null): string[] {
  if (!target) return [];
  if (target.type === 'identifier') return [target.text];
  if (!destructuringTypes.has(target.type)) return [];
  return target.namedChildren.filter((part): part is Node => part?.type === 'identifier').map((part) => part.text);
}

/** Every name `statement` assigns, and how: `name = v`, `a = name = v`, `name, b = v`. */
function bindingsOf(statement: Node): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  if (statement.type !== 'expression_statement') return bindings;
  const unpacked = new Map<string, boolean>();
  let assignment = statement.firstNamedChild;
  // `a = b = value` nests: each `right` is the next assignment until the value.
  while (assignment?.type === 'assignment') {
    const target = assignment.childForFieldName('left');
    for (const name of targetNames(target)) unpacked.set(name, target!.type !== 'identifier');
    const right = assignment.childForFieldName('right');
    if (right?.type !== 'assignment') {
      if (right) for (const [name, isUnpacked] of unpacked) bindings.set(name, { statement, value: isUnpacked ? undefined : right });
      return bindings;
    }
    assignment = right;
  }
  return bindings;
}

/** How `statement` binds `name`, when it is an assignment to it: `name = v`, `a = name = v`, `name, b = v`. */
export function bindingIn(statement: Node, name: string): Binding | undefined {
  return bindingsOf(statement).get(name);
}

/** `value` when `statement` is exactly `name = value`. */
export function assignedValue(statement: Node, name: string): Node | undefined {
  return bindingIn(statement, name)?.value;
}

/** Per block: name -> indexes (ascending) of the statements that assign it, built on first use. */
const assignmentsByBlock = new WeakMap<BlockStatements, Map<string, number[]>>();

function assignmentsIn(block: BlockStatements): Map<string, number[]> {
  let assignments = assignmentsByBlock.get(block);
  if (!assignments) {
    const found = (assignments = new Map<string, number[]>());
    block.siblings.forEach((sibling, position) => {
      for (const assigned of bindingsOf(sibling).keys()) {
        const positions = found.get(assigned);
        if (positions) positions.push(position);
        else found.set(assigned, [position]);
      }
    });
    assignmentsByBlock.set(block, assignments);
  }
  return assignments;
}

/** The last sibling before `statement` that assigns `name`; an index per block keeps long blocks linear. */
function assignmentBefore(statement: Node, name: string): Binding | undefined {
  const found = namedSiblings(statement);
  if (!found) return undefined;
  const { block, index } = found;
  const positions = assignmentsIn(block).get(name);
  if (!positions) return undefined;
  let low = 0;
  let high = positions.length - 1;
  let latest = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (positions[middle] < index) (latest = positions[middle]), (low = middle + 1);
    else high = middle - 1;
  }
  return latest < 0 ? undefined : bindingIn(block.siblings[latest], name);
}

/**
 * The nearest assignment to `name` before `node` in the same function (or module): the earlier
 * statements of each enclosing block, innermost first. Only the statement lists are read, never
 * whole subtrees, so this stays cheap in long functions.
 */
export function precedingBinding(node: Node, name: string, maxLevels = maxEnclosingStatements): Binding | undefined {
  for (const statement of enclosingStatements(node, maxLevels)) {
    const binding = assignmentBefore(statement, name);
    if (binding) return binding;
  }
  return undefined;
}

/** The syntactic answers, as one NameBindings. */
export const syntacticBindings: NameBindings = { valueBoundTo, precedingBinding };
