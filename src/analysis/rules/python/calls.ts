// Calls: the shared "every call" query, what a call resolves to through the file's imports, its
// arguments and keyword values, and the constants passed to it.
import type { Node } from 'web-tree-sitter';
import type { RuleMeta } from '../../finding';
import type { Rule, RuleContext, RuleMatch } from '../rule';

/**
 * The shared query for rules about calls to a named function. Rules that use this exact string
 * share one pattern in the combined query. `context.qualifiedName(callee)` is memoized per node,
 * so every rule may ask it; compare it against the fully qualified names the rule cares about.
 */
export const callQuery = '(call function: [(identifier) (attribute)] @callee) @call';

export interface ResolvedCall {
  call: Node;
  callee: Node;
  /** Fully qualified name through the file's imports; undefined for `f()()`, `"text".format` and the like. */
  name: string | undefined;
}

/**
 * The call of a `callQuery` match (or of a query with the same `@call` and `@callee` captures);
 * undefined for a match of another pattern. A rule whose only call pattern is `callQuery` may write
 * `resolveCall(match, context)!`: that pattern always captures both.
 */
export function resolveCall(match: RuleMatch, context: RuleContext): ResolvedCall | undefined {
  const call = match.get('call');
  const callee = match.get('callee');
  if (!call || !callee) return undefined;
  return { call, callee, name: context.qualifiedName(callee) };
}

/** A rule that reports every call to one of `names` (fully qualified), whatever its arguments. */
export function callsRule(meta: RuleMeta, names: ReadonlySet<string>, message: (name: string, call: Node) => string): Rule {
  return {
    meta,
    query: callQuery,
    check(match, context) {
      const resolved = resolveCall(match, context);
      if (resolved?.name && names.has(resolved.name)) context.report({ node: resolved.call, message: message(resolved.name, resolved.call) });
    },
  };
}

// Many rules share the "every call" query and each reads the same call's arguments; crossing into
// wasm for them once per call and tree halves the cost of the checks. Node ids are unique per tree.
const argumentsByTree = new WeakMap<object, Map<number, readonly Node[]>>();

/** The argument nodes of a call, without punctuation and comments. */
export function callArguments(call: Node): readonly Node[] {
  let byCall = argumentsByTree.get(call.tree);
  if (!byCall) argumentsByTree.set(call.tree, (byCall = new Map()));
  let found = byCall.get(call.id);
  if (!found) {
    const list = call.childForFieldName('arguments');
    found = list && list.type === 'argument_list' ? list.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment') : [];
    byCall.set(call.id, found);
  }
  return found;
}

export function positionalArguments(call: Node): Node[] {
  return callArguments(call).filter(
    (arg) => arg.type !== 'keyword_argument' && arg.type !== 'list_splat' && arg.type !== 'dictionary_splat',
  );
}

export function keywordArgument(call: Node, name: string): Node | undefined {
  for (const arg of callArguments(call)) {
    if (arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name) return arg;
  }
  return undefined;
}

export function keywordValue(call: Node, name: string): Node | undefined {
  return keywordArgument(call, name)?.childForFieldName('value') ?? undefined;
}

/** The positional argument at `index`, or else the keyword argument `name`. */
export function argumentAt(call: Node, index: number, name: string): Node | undefined {
  return positionalArguments(call)[index] ?? keywordValue(call, name);
}

/** The value of every positional and keyword argument. */
export function argumentValues(call: Node): Node[] {
  return callArguments(call).flatMap((arg) => {
    if (arg.type === 'keyword_argument') return arg.childForFieldName('value') ?? [];
    return arg.type === 'list_splat' || arg.type === 'dictionary_splat' ? [] : [arg];
  });
}

/** The single positional argument of `call`, or undefined when it has none, several or keywords. */
export function soleArgument(call: Node): Node | undefined {
  const args = callArguments(call);
  return args.length === 1 && positionalArguments(call).length === 1 ? args[0] : undefined;
}

/** True when the call passes `**kwargs`: a keyword we look for may hide inside. */
export function hasDictionarySplat(call: Node): boolean {
  return callArguments(call).some((arg) => arg.type === 'dictionary_splat');
}

/** True when the call passes `shell=True` (or a non-zero number) as written. */
export function passesShellTrue(call: Node): boolean {
  const shell = keywordValue(call, 'shell');
  if (!shell) return false;
  if (shell.type === 'true') return true;
  return shell.type === 'integer' && Number(shell.text) !== 0;
}

/** True when `node` is a call to the plain name `name` (`len(x)`, not `obj.len(x)`). */
export function isCallTo(node: Node | null | undefined, name: string): boolean {
  if (node?.type !== 'call') return false;
  const callee = node.childForFieldName('function');
  return callee?.type === 'identifier' && callee.text === name;
}

/** Last segment of a name or attribute chain as written (`md5` for `hashlib.md5`); aliases are not followed. */
export function lastSegment(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text;
  return undefined;
}

/**
 * The qualified name of `node` when it names one of `constants` (by full name, e.g. `ssl.CERT_NONE`).
 * The written last segment is checked first so that most nodes are never resolved.
 */
export function constantNamed(node: Node, constants: ReadonlyMap<string, unknown> | ReadonlySet<string>, context: RuleContext): string | undefined {
  const segment = lastSegment(node);
  if (!segment || !lastSegments(constants).has(segment)) return undefined;
  const name = context.qualifiedName(node);
  return name && constants.has(name) ? name : undefined;
}

const segmentCache = new WeakMap<object, Set<string>>();

function lastSegments(constants: ReadonlyMap<string, unknown> | ReadonlySet<string>): Set<string> {
  let segments = segmentCache.get(constants);
  if (!segments) {
    segments = new Set([...constants.keys()].map((name) => name.slice(name.lastIndexOf('.') + 1)));
    segmentCache.set(constants, segments);
  }
  return segments;
}

/** Every `module.NAME` spelled under each of `modules` (`Crypto.Cipher` and `Cryptodome.Cipher`). */
export function underModules(modules: readonly string[], names: readonly string[]): string[] {
  return modules.flatMap((module) => names.map((name) => `${module}.${name}`));
}

/** Integer value of a literal such as `1024` or `2_048`; undefined for anything computed. */
export function integerValue(node: Node | undefined): number | undefined {
  if (node?.type !== 'integer') return undefined;
  const value = Number(node.text.replace(/_/g, ''));
  return Number.isFinite(value) ? value : undefined;
}
