// Classes of the analysed code: their methods, class attributes and bases, the members an
// instance finds through inheritance, and what the methods store in `self`.
import type { Env, Frame } from './frames';
import type { Interpreter } from './interpreter';
import type { ClassDef, FunctionDef, Stmt } from './ir';
import { summaryOf } from './summaries';
import { compact, join, type ClassInfo, type Value } from './value';

/** Inheritance deeper than this is not followed. */
const maxBaseDepth = 8;

function methodsOf(body: readonly Stmt[]): Map<string, FunctionDef> {
  const methods = new Map<string, FunctionDef>();
  for (const statement of body) if (statement.kind === 'function') methods.set(statement.fn.name, statement.fn);
  return methods;
}

/** Runs a class body once (its attributes), and records its methods and bases. */
export function classInfoFor(interp: Interpreter, frame: Frame, env: Env, def: ClassDef): ClassInfo {
  const cached = frame.module.classes.get(def);
  if (cached) return cached;
  const bases = def.bases.filter((base) => !base.name && !base.spread).map((base) => interp.evaluate(frame, env, base.value));
  const classFrame: Frame = {
    module: frame.module,
    kind: 'class',
    parent: frame,
    env: new Map(),
    globals: new Set(),
    nonlocals: new Set(),
    loops: [],
    inlineDepth: frame.inlineDepth,
  };
  const methods = methodsOf(def.body);
  const info: ClassInfo = {
    def,
    module: frame.module,
    methods,
    bases,
    attributes: classFrame.env,
    closure: frame.kind === 'module' ? undefined : frame,
  };
  frame.module.classes.set(def, info);
  interp.block(classFrame, def.body, classFrame.env);
  for (const name of methods.keys()) classFrame.env.delete(name);
  return info;
}

export interface ClassMember {
  readonly owner: ClassInfo;
  readonly method?: FunctionDef;
  readonly value?: Value;
}

/** A method or class attribute, looked up through the project's base classes. */
export function classMember(interp: Interpreter, cls: ClassInfo, name: string, depth = 0): ClassMember | undefined {
  const method = cls.methods.get(name);
  if (method) return { owner: cls, method };
  const value = cls.attributes.get(name);
  if (value) return { owner: cls, value };
  if (depth >= maxBaseDepth) return undefined;
  for (const base of cls.bases) {
    for (const callable of base.callables ?? []) {
      if (callable.kind !== 'class') continue;
      const found = classMember(interp, callable.cls, name, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Every project class in the hierarchy, the class itself first. */
export function classChain(cls: ClassInfo, depth = 0): ClassInfo[] {
  const chain = [cls];
  if (depth >= maxBaseDepth) return chain;
  for (const base of cls.bases) for (const callable of base.callables ?? []) if (callable.kind === 'class') chain.push(...classChain(callable.cls, depth + 1));
  return chain;
}

/** Library base classes (by qualified name) anywhere in the hierarchy. */
export function libraryBases(cls: ClassInfo): string[] {
  const names: string[] = [];
  for (const link of classChain(cls)) for (const base of link.bases) for (const ref of base.refs ?? []) if (!ref.file) names.push(ref.path);
  return names;
}

const storePatterns = new Map<string, RegExp>();

/** `.name = `, `.name += `, `.name[k] = ` or a setattr(): text that may store into the attribute. */
function storePattern(name: string): RegExp {
  let pattern = storePatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`\\.${name}\\s*(?:\\[[^\\]\\n]*\\]\\s*)?[-+*/%|&^@]?=(?!=)|\\bsetattr\\s*\\(`, 'g');
    storePatterns.set(name, pattern);
  }
  return pattern;
}

/**
 * Untrusted data some method of the class stores in `self.<name>`: reading the attribute in any
 * other method may see it. Only data counts here; what parameters flow in is the caller's business.
 */
export function classFieldData(interp: Interpreter, cls: ClassInfo, name: string): Value | undefined {
  const key = `${name}`;
  const cache = interp.session.classFields;
  let byName = cache.get(cls);
  if (!byName) cache.set(cls, (byName = new Map()));
  if (byName.has(key)) return byName.get(key);
  byName.set(key, undefined); // a method reading the field while this runs sees nothing yet
  let found: Value | undefined;
  const stores = storePattern(name);
  for (const link of classChain(cls)) {
    const module = link.module as Frame['module'];
    if (!module.mayReadInput) continue; // no source in reach: its methods store no untrusted data
    for (const method of link.methods.values()) {
      // Only a method that assigns the attribute (or uses setattr) can put data in it.
      stores.lastIndex = method.span.start;
      const store = stores.exec(module.text);
      if (!store || store.index >= method.span.end) continue;
      const summary = summaryOf(interp, method, module, link);
      const written = summary?.selfFields?.get(`.${name}`);
      if (written?.taints) found = found ? join(found, compact({ taints: written.taints })) : compact({ taints: written.taints });
    }
  }
  byName.set(key, found);
  return found;
}
