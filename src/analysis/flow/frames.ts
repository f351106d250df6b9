// Where the interpreter is: the module whose code runs, and the frame of the function (or module
// or class body) it is in, with its variables.
import type { ClassDef, FunctionDef, LoweredModule, Span } from './ir';
import type { FrameworkModel, RouteModel } from './models';
import type { StepFile, TraceStep } from './trace';
import type { ClassInfo, Value } from './value';

export type Env = Map<string, Value>;

export interface ModuleState {
  /** Absolute path; undefined for text analysed without a file. */
  readonly file?: string;
  /** For other modules: what the file was on disk when it was read (see ProjectFiles.stamp). */
  readonly stamp?: string;
  readonly isMain: boolean;
  readonly text: string;
  readonly lowered: LoweredModule;
  /** Set for modules other than the analysed one: their steps name their file. */
  readonly stepFile?: StepFile;
  /** The models that apply to this module: by its own text, and the frameworks of the project modules it imports. */
  readonly active: Set<FrameworkModel>;
  /**
   * The module's text mentions a source, or names from project modules that do: only then can
   * its functions produce untrusted data of their own (see inputReach.ts).
   */
  mayReadInput: boolean;
  /** Module globals, once the module body has run. */
  env: Env;
  status: 'new' | 'running' | 'done';
  readonly classes: Map<ClassDef, ClassInfo>;
}

/** A function the framework calls with request data. */
export interface ViewInfo {
  readonly route?: RouteModel;
  /** Parameters that carry request data, by index. */
  readonly sourceParameters: ReadonlySet<number>;
  readonly label: string;
  readonly returnsHtml: boolean;
}

/** A sink that a parameter of the summarised function reaches. */
export interface ParamSink {
  readonly param: number;
  readonly path: readonly string[];
  readonly derived: boolean;
  readonly safe: number;
  readonly weak: boolean;
  /** A decoder stands between the parameter and the sink: the caller's safe bits do not count. */
  readonly decoded?: boolean;
  /** From the parameter to the sink, the sink step last. */
  readonly steps: readonly TraceStep[];
  readonly kind: string;
  readonly sinkSpan: Span;
  readonly sinkLabel: string;
  readonly sinkModule: ModuleState;
}

export interface Summary {
  readonly returns: Value;
  readonly paramSinks: readonly ParamSink[];
  /** Fields of `self` when the method returns, for the receiver at call sites. */
  readonly selfFields?: ReadonlyMap<string, Value>;
  /** Strings it returns were already reported as responses (a view). */
  readonly isView: boolean;
  /** Every path raises or exits: code after a call to it does not run. */
  readonly neverReturns: boolean;
}

export interface SummaryBuilder {
  readonly fn: FunctionDef;
  readonly paramSinks: ParamSink[];
  /** `self` at each exit. */
  readonly selfAtExit: Value[];
}

export interface LoopContext {
  readonly breaks: Env[];
  readonly continues: Env[];
}

export interface Frame {
  readonly module: ModuleState;
  readonly fn?: FunctionDef;
  /** The frame the function was defined in, for closures. */
  readonly parent?: Frame;
  readonly kind: 'module' | 'class' | 'function';
  /** The summary this frame's parameter flows belong to. */
  readonly summary?: SummaryBuilder;
  /** The latest variables, for closures that read them later. */
  env: Env;
  readonly globals: Set<string>;
  readonly nonlocals: Set<string>;
  readonly loops: LoopContext[];
  returned?: Value;
  yielded?: Value;
  readonly view?: ViewInfo;
  /** Name of the `self` parameter of a method. */
  readonly selfName?: string;
  readonly inlineDepth: number;
  /** The last call evaluated never returns (`abort()`), so its statement ends the path. */
  exits?: boolean;
}

export function copyEnv(env: Env): Env {
  return new Map(env);
}
