// What names are bound to, as far as one file shows: whether it imports a module, and the value a
// local or module-level name was last assigned before it is used.
import type { Node } from 'web-tree-sitter';

// One entry per module asked about, holding the last file's text: enough for one analysis pass.
const importCache = new Map<string, { text: string; imported: boolean }>();

/** Does the file import `module` (or a submodule of it) anywhere? A cheap text test, cached per file text. */
export function importsModule(text: string, module: string): boolean {
  const cached = importCache.get(module);
  if (cached && cached.text === text) return cached.imported;
  const escaped = module.replace(/\./g, '\\.');
  // `from module...` or `import a, module...`, at the start of a line (indented imports count).
  const otherModules = String.raw`(?:[\w.]+[ \t]*(?:as[ \t]+\w+)?[ \t]*,[ \t]*)*`;
  const pattern = new RegExp(String.raw`^[ \t]*(?:from[ \t]+${escaped}\b|import[ \t]+${otherModules}${escaped}\b)`, 'm');
  const imported = pattern.test(text);
  importCache.set(module, { text, imported });
  return imported;
}

const scopeTypes = new Set(['function_definition', 'class_definition', 'lambda', 'module']);

function enclosingScopeOf(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (scopeTypes.has(current.type)) return current;
  return undefined;
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
    if (value && enclosingScopeOf(binding)?.id === scope.id) latest = value;
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
  const scope = enclosingScopeOf(identifier);
  if (!scope) return undefined;
  const local = lastBindingIn(scope, identifier.text, identifier);
  if (local || scope.type === 'module' || isParameterOf(scope, identifier.text)) return local;
  let module = scope;
  while (module.parent) module = module.parent;
  return lastBindingIn(module, identifier.text, scope);
}
