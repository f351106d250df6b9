// Flow analysis of one file: which functions to analyse (those that read untrusted data, are
// views, call into other project files or hold a pattern finding to judge), their summaries, and
// what reached a sink. A file with none of those costs one scan of its text.
import type { Node } from 'web-tree-sitter';
import { libraryBases } from './classes';
import type { Frame, ModuleState, Summary } from './frames';
import { Interpreter } from './interpreter';
import type { FunctionUnit, LoweredModule } from './ir';
import type { FrameworkModel, ModelIndex } from './models';
import { runModuleBody, type ProjectFiles } from './project';
import { FlowSession, type FlowFinding, type SinkKind, type Verdict } from './session';
import { SharedFlowState } from './sharedState';
import { summaryOf } from './summaries';
import type { ClassInfo, Ref } from './value';

export interface FlowRequest {
  readonly root: Node;
  readonly text: string;
  /** The language's lowering of its syntax tree into flow IR (its language record's). */
  readonly lower: (root: Node, text: string) => LoweredModule;
  readonly filePath?: string;
  readonly index: ModelIndex;
  /** The sink kinds whose rules are on. */
  readonly kinds: readonly SinkKind[];
  /** performance.now() time past which the analysis stops (FlowTimeout). */
  readonly deadline: number;
  /** Start offsets of pattern findings to judge. */
  readonly watched: ReadonlySet<number>;
  /** Treat `os.environ` and `os.getenv` as sources. */
  readonly environmentSources: boolean;
  readonly project?: ProjectFiles;
  /** What flow keeps of other project files between analyses. */
  readonly shared: SharedFlowState;
}

export interface FlowResult {
  /** False when nothing in the file called for flow analysis. */
  readonly ran: boolean;
  readonly findings: readonly FlowFinding[];
  readonly verdicts: ReadonlyMap<number, Verdict>;
  readonly functions: number;
  readonly modules: number;
}

const nothing: FlowResult = { ran: false, findings: [], verdicts: new Map(), functions: 0, modules: 0 };

/** Rounds of "functions that call a function found to return untrusted data". */
const maxRounds = 4;

function mentionPattern(active: ReadonlySet<FrameworkModel>, text: string): RegExp | undefined {
  const sources = [...active].flatMap((model) => (model.mentions && (!model.mentionsOnlyWith || model.mentionsOnlyWith.test(text)) ? [model.mentions.source] : []));
  return sources.length > 0 ? new RegExp(sources.map((source) => `(?:${source})`).join('|'), 'g') : undefined;
}

function offsetsOf(pattern: RegExp | undefined, text: string): number[] {
  if (!pattern) return [];
  const offsets: number[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    offsets.push(match.index);
    if (match[0].length === 0) pattern.lastIndex++;
  }
  return offsets;
}

const importLine = /^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import|import[ \t]+([\w.]+))/gm;

/** Does the file import a module of the project (so its helpers may read or check untrusted data)? */
function importsProjectModule(text: string, filePath: string | undefined, project: ProjectFiles | undefined, index: ModelIndex): boolean {
  if (!project || !filePath) return false;
  importLine.lastIndex = 0;
  for (let match = importLine.exec(text); match; match = importLine.exec(text)) {
    const level = match[1]?.length ?? 0;
    const module = match[2] ?? match[3] ?? '';
    if (level === 0 && index.libraryRoots.has(module.split('.')[0])) continue;
    if (project.resolve(filePath, module, level)) return true;
  }
  return false;
}

function containsAny(unit: FunctionUnit, offsets: readonly number[]): boolean {
  const { start, end } = unit.fn.span;
  // Offsets are sorted: find the first at or after start.
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (offsets[middle] < start) low = middle + 1;
    else high = middle;
  }
  return low < offsets.length && offsets[low] < end;
}

function wordsPattern(names: Iterable<string>): RegExp | undefined {
  const words = [...new Set(names)].filter((name) => /^\w+$/.test(name));
  return words.length > 0 ? new RegExp(`\\b(?:${words.join('|')})\\b`, 'g') : undefined;
}

function looksLikeView(unit: FunctionUnit, active: ReadonlySet<FrameworkModel>): boolean {
  if (unit.fn.decorators.length === 0) return false;
  const methods = new Set([...active].flatMap((model) => (model.routes ?? []).flatMap((route) => (route.decoratorMethod ? [route.decoratorMethod] : []))));
  return unit.fn.decorators.some((decorator) => {
    const callee = decorator.kind === 'call' ? decorator.callee : decorator;
    return callee.kind === 'attribute' ? methods.has(callee.attribute) : callee.kind === 'name';
  });
}

function isHandlerMethod(owner: ClassInfo | undefined, active: ReadonlySet<FrameworkModel>): boolean {
  if (!owner) return false;
  const bases = libraryBases(owner);
  return [...active].some((model) => (model.handlerClasses ?? []).some((handler) => bases.includes(handler.base)));
}

/**
 * A subclass of a project class that extends a framework's handler is a handler too, and reads
 * the request as one, even in a file that never names the framework. Only modules this analysis
 * consulted count: the shared state also holds modules other files loaded, and letting those in
 * made a file's findings depend on which files were analyzed before it.
 */
function inheritFrameworks(main: ModuleState, session: FlowSession): void {
  for (const file of session.modulesChecked) {
    const module = session.modules.get(file);
    if (!module || module === main) continue;
    for (const model of module.active) if (model.handlerClasses?.length) main.active.add(model);
  }
}

export function analyzeFlow(request: FlowRequest): FlowResult {
  const { text, index } = request;
  const active = index.activeFor(text, request);
  const watchedOffsets = [...request.watched].sort((a, b) => a - b);
  const mentioned = offsetsOf(mentionPattern(active, text), text);
  const viaProject = mentioned.length === 0 && watchedOffsets.length === 0 && importsProjectModule(text, request.filePath, request.project, index);
  if (mentioned.length === 0 && watchedOffsets.length === 0 && !viaProject) return nothing;

  request.shared.prepare(`${request.kinds.map((kind) => kind.id).join(',')}|${request.environmentSources}`);
  const session = new FlowSession(index, request.kinds, request.deadline, request.watched, request.environmentSources, request.project, request.filePath, request.shared);
  const lowered = request.lower(request.root, text);
  const main: ModuleState = { file: request.filePath, isMain: true, text, lowered, active, env: new Map(), status: 'running', classes: new Map(), mayReadInput: mentioned.length > 0 };
  const interp = new Interpreter(session);
  runModuleBody(interp, main);
  const ownModels = active.size;
  inheritFrameworks(main, session);
  const sourceOffsets = active.size > ownModels ? offsetsOf(mentionPattern(active, text), text) : mentioned;
  if (sourceOffsets.length > 0) main.mayReadInput = true;

  // Names imported from project files that can hand over untrusted data: a function using one
  // may call a helper that reads input.
  const reachesInput = (ref: Ref) => {
    if (ref.file === undefined || !request.project) return false;
    const file = ref.file || (request.filePath && request.project.resolve(request.filePath, ref.path, 0));
    return !!file && session.reachesInput(file);
  };
  const projectNames = [...main.env].filter(([, value]) => value.refs?.some(reachesInput)).map(([name]) => name);
  if (projectNames.length > 0) main.mayReadInput = true;
  const interesting = [...sourceOffsets, ...watchedOffsets, ...offsetsOf(wordsPattern(projectNames), text)].sort((a, b) => a - b);

  const analyzed = new Map<FunctionUnit['fn'], Summary | undefined>();
  const analyze = (unit: FunctionUnit, closure: Frame | undefined) => {
    if (analyzed.has(unit.fn)) return;
    analyzed.set(unit.fn, undefined);
    const owner = unit.cls ? main.classes.get(unit.cls) : undefined;
    analyzed.set(unit.fn, summaryOf(interp, unit.fn, main, owner, closure));
    // Functions defined inside: routes registered in `def init(app):`, closures that read input.
    const frame = session.finalFrames.get(unit.fn);
    for (const nested of unit.fn.nested) {
      const nestedOwner = nested.cls ? main.classes.get(nested.cls) : undefined;
      if (containsAny(nested, interesting) || looksLikeView(nested, active) || isHandlerMethod(nestedOwner, active)) analyze(nested, frame);
    }
  };

  let offsets = interesting;
  for (let round = 0; round < maxRounds && offsets.length > 0; round++) {
    for (const unit of lowered.units) {
      const owner = unit.cls ? main.classes.get(unit.cls) : undefined;
      if (containsAny(unit, offsets) || (round === 0 && (looksLikeView(unit, active) || isHandlerMethod(owner, active)))) analyze(unit, undefined);
    }
    // Next round: the callers of functions that turned out to return untrusted data.
    const returning = [...analyzed].filter(([, summary]) => summary && (summary.returns.taints?.length || summary.isView)).map(([fn]) => fn.name);
    offsets = offsetsOf(wordsPattern(returning), text).filter((offset) => !lowered.units.some((unit) => analyzed.has(unit.fn) && offset >= unit.fn.span.start && offset < unit.fn.span.end));
  }
  return { ran: true, findings: [...session.findings.values()], verdicts: session.verdicts, functions: session.functionsAnalyzed, modules: session.modulesChecked.size + 1 };
}
