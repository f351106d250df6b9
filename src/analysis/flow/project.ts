// Names from other files of the project: an import that resolves to a project file binds a
// reference into that module, which is loaded (parsed, lowered, its body run) only when a name
// from it is used. Library imports bind library names for the models.
import type { Env, Frame, ModuleState } from './frames';
import type { ImportBinding, LoweredModule } from './ir';
import type { Interpreter } from './interpreter';
import type { StepFile } from './trace';
import { attributeOf } from './access';
import { compact, join, refValue, unknownValue, type Ref, type Value } from './value';

/** The project's other files, as the flow layer reads them. */
export interface ProjectFiles {
  /** The file of module `dotted` imported from `fromFile` (`level` leading dots), if it is a project file. */
  resolve(fromFile: string, dotted: string, level: number): string | undefined;
  /** The file lowered, or undefined when it cannot be read or is not analysable. */
  load(file: string): LoadedModule | undefined;
  /** A module inside the package whose `__init__.py` is `file`. */
  submodule(file: string, name: string): string | undefined;
  /** What the file is on disk now (size and modification time); undefined when it is gone. */
  stamp(file: string): string | undefined;
  /** The file's text (cached while it does not change), without parsing it. */
  text(file: string): string | undefined;
}

export interface LoadedModule {
  readonly file: string;
  readonly stamp: string;
  readonly text: string;
  readonly lowered: LoweredModule;
  readonly lineStarts: readonly number[];
}

/** Other modules loaded in one analysis at most; past it their names are unknown. */
const maxModules = 48;

function isProjectCandidate(interp: Interpreter, binding: ImportBinding): boolean {
  return binding.level > 0 || !interp.session.index.libraryRoots.has(binding.module.split('.')[0]);
}

/** What an import binds its local name to. */
export function importValue(interp: Interpreter, module: ModuleState, binding: ImportBinding): Value {
  const project = interp.session.project;
  const qualified = binding.name ? (binding.module ? `${binding.module}.${binding.name}` : binding.name) : binding.module;
  if (project && module.file && isProjectCandidate(interp, binding)) {
    if (binding.name) {
      // `from pkg import name`: a submodule, or a name defined in the module.
      const submodule = project.resolve(module.file, binding.module ? `${binding.module}.${binding.name}` : binding.name, binding.level);
      if (submodule) return refValue('', { file: submodule });
      const file = project.resolve(module.file, binding.module, binding.level);
      if (file) return refValue(binding.name, { file });
    } else {
      const file = project.resolve(module.file, binding.module, 0);
      if (file) {
        // `import a.b` binds `a`; `import a.b as c` binds `c` to `a.b`.
        const isAlias = binding.local !== binding.module.split('.')[0] || !binding.module.includes('.');
        if (isAlias || !binding.module.includes('.')) return refValue('', { file });
        return packageRef(binding.local);
      }
      if (binding.module.includes('.')) return packageRef(binding.local);
    }
  }
  if (binding.level > 0) return unknownValue; // a relative import without a file to resolve it from
  return refValue(qualified);
}

/** A package named by its dotted path, resolved member by member (`import a.b` binds `a`). */
function packageRef(path: string): Value {
  return { refs: [{ path, file: '' }], opaque: true };
}

/** A module-level name: the module's own binding, else a built-in or unknown name by that name. */
export function lookupGlobal(interp: Interpreter, module: ModuleState, name: string): Value {
  const value = module.env.get(name);
  return value ? expandProjectRefs(interp, value) : refValue(name);
}

/**
 * The module state of a project file: loaded and its body run once, then kept across analyses
 * (see SharedFlowState) until the file changes. The analysed file itself, imported back from a
 * helper, is read from disk like any other, so what is kept never depends on one analysis.
 */
export function moduleState(interp: Interpreter, file: string): ModuleState | undefined {
  const session = interp.session;
  const project = session.project;
  if (!project) return undefined;
  const existing = session.modules.get(file);
  if (existing && session.modulesChecked.has(file)) return existing;
  // The bound counts modules this analysis uses, cached or not, so that what it finds does not
  // depend on which files were analysed before (the CLI's report is the same on any number of jobs).
  if (!session.modulesChecked.has(file) && session.modulesChecked.size >= maxModules) return undefined;
  session.modulesChecked.add(file);
  if (existing && existing.stamp === project.stamp(file)) return existing;
  // The file changed since it was learnt: what other modules learnt from it is stale too.
  if (existing) session.shared.clear();
  const loaded = project.load(file);
  if (!loaded) return undefined;
  session.modulesLoaded++;
  const stepFile: StepFile = { path: file, lineStarts: loaded.lineStarts };
  const state: ModuleState = {
    file,
    stamp: loaded.stamp,
    isMain: false,
    text: loaded.text,
    lowered: loaded.lowered,
    stepFile,
    active: session.index.activeFor(loaded.text, session),
    env: new Map(),
    status: 'running',
    classes: new Map(),
    mayReadInput: session.reachesInput(file),
  };
  session.modules.set(file, state);
  runModuleBody(interp, state);
  return state;
}

export function moduleFrame(module: ModuleState): Frame {
  return { module, kind: 'module', env: module.env, globals: new Set(), nonlocals: new Set(), loops: [], inlineDepth: 0 };
}

export function runModuleBody(interp: Interpreter, module: ModuleState): Env {
  const frame = moduleFrame(module);
  try {
    for (const statement of module.lowered.body) {
      // After a module-level `if` or `try` the names live in a joined copy: keep them in the
      // module's own table, which functions read their globals from.
      const next = interp.block(frame, [statement], module.env);
      if (!next) break;
      if (next !== module.env) for (const [name, value] of next) module.env.set(name, value);
      frame.env = module.env;
    }
  } finally {
    module.status = 'done';
  }
  return module.env;
}

/** `ref.name` for a reference into the project: a submodule, or a name the module defines. */
export function projectMember(interp: Interpreter, ref: Ref, name: string): Value | undefined {
  const project = interp.session.project;
  if (!project || ref.file === undefined) return undefined;
  if (ref.file === '') {
    // A package bound by `import a.b`: `a.b` is a module of its own.
    const dotted = `${ref.path}.${name}`;
    const main = interp.session.mainFile;
    const file = main ? project.resolve(main, dotted, 0) : undefined;
    return file ? refValue('', { file }) : packageRef(dotted);
  }
  const state = moduleState(interp, ref.file);
  if (!state) return undefined;
  if (ref.path === '') {
    const defined = state.env.get(name);
    if (defined) return defined;
    const submodule = project.submodule(ref.file, name);
    return submodule ? refValue('', { file: submodule }) : undefined;
  }
  const target = resolveProjectRef(interp, ref);
  return target && attributeOf(interp, moduleFrame(state), target, name, { start: 0, end: 0 });
}

/** The value a reference to a name in a project module stands for. */
export function resolveProjectRef(interp: Interpreter, ref: Ref): Value | undefined {
  if (!ref.file) return undefined;
  const state = moduleState(interp, ref.file);
  if (!state) return undefined;
  const [head, ...tail] = ref.path.split('.');
  let value = head ? state.env.get(head) : undefined;
  if (!value && head) {
    const submodule = interp.session.project?.submodule(ref.file, head);
    value = submodule ? refValue('', { file: submodule }) : undefined;
  }
  const frame = moduleFrame(state);
  for (const segment of tail) value = value && attributeOf(interp, frame, value, segment, { start: 0, end: 0 });
  return value;
}

/**
 * Replaces references to names in project modules (`from helpers import escape`) by what those
 * names are, loading the module the first time. Module and package references stay as they are.
 */
export function expandProjectRefs(interp: Interpreter, value: Value): Value {
  if (!value.refs?.some((ref) => ref.file && ref.path)) return value;
  let expanded: Value = compact({ ...value, refs: value.refs.filter((ref) => !(ref.file && ref.path)), opaque: undefined });
  let resolvedAny = false;
  for (const ref of value.refs) {
    if (!ref.file || !ref.path) continue;
    const resolved = resolveProjectRef(interp, ref);
    if (resolved) {
      expanded = join(expanded, resolved);
      resolvedAny = true;
    } else {
      expanded = join(expanded, unknownValue);
    }
  }
  return resolvedAny || expanded.refs?.length ? expanded : unknownValue;
}
