// The state of one flow analysis: the models that apply, the sink kinds asked for, where untrusted
// data entered, what reached a sink, and what the pattern rules asked about.
import type { Confidence } from '../finding';
import type { Frame, ModuleState, Summary } from './frames';
import type { FunctionDef, Span } from './ir';
import type { ModelIndex } from './models';
import type { ProjectFiles } from './project';
import { anyMentionPattern } from './inputReach';
import type { SharedFlowState } from './sharedState';
import type { StepFile, TraceStep } from './trace';
import type { ClassInfo, Origin, SourceFamily, Taint, Value } from './value';

export interface SinkKind {
  readonly id: string;
  readonly family: SourceFamily;
  /** Data that went through a call the models do not know counts too. */
  readonly throughUnknownCalls: boolean;
}

export interface FlowFinding {
  readonly kind: string;
  /** Where it is reported, in the analyzed file. */
  readonly span: Span;
  readonly sinkLabel: string;
  readonly taint: Taint;
  /** Source first, the sink last. */
  readonly steps: readonly TraceStep[];
  readonly confidence: Confidence;
}

/** What flow found at a place a pattern rule reported. */
export interface Verdict {
  readonly span: Span;
  /** Provably free of untrusted data, in every evaluation. */
  clean: boolean;
}

export class FlowTimeout extends Error {
  constructor() {
    super('Flow analysis ran past its time budget.');
  }
}

let nextOriginId = 1;

export class FlowSession {
  readonly findings = new Map<string, FlowFinding>();
  readonly verdicts = new Map<number, Verdict>();
  readonly inProgress = new Set<FunctionDef>();
  readonly inlineStack = new Set<FunctionDef>();
  /** Other modules this analysis loaded itself (not from the shared state). */
  modulesLoaded = 0;
  /** Other modules already checked against their files on disk in this analysis. */
  readonly modulesChecked = new Set<string>();
  private readonly origins = new Map<string, Origin>();
  private readonly kindFamilies = new Map<string, SourceFamily>();
  private readonly strictKinds = new Set<string>();
  private readonly families = new Set<SourceFamily>();
  private checks = 0;
  /** Parameter paths being re-read at call sites, one inside another (see applyPath). */
  pathDepth = 0;
  /** Functions whose summaries were computed, for the log. */
  functionsAnalyzed = 0;

  constructor(
    readonly index: ModelIndex,
    /** The sink kinds whose rules are on. */
    readonly kinds: readonly SinkKind[],
    readonly deadline: number,
    /** Start offsets of pattern findings flow should give a verdict on. */
    readonly watched: ReadonlySet<number>,
    readonly environmentSources: boolean,
    readonly project: ProjectFiles | undefined,
    /** The analysed file's path, for resolving its imports. */
    readonly mainFile: string | undefined,
    /** Other modules and their summaries, kept across analyses. */
    readonly shared: SharedFlowState,
  ) {
    for (const kind of kinds) {
      this.kindFamilies.set(kind.id, kind.family);
      this.families.add(kind.family);
      if (!kind.throughUnknownCalls) this.strictKinds.add(kind.id);
    }
  }

  get summaries(): WeakMap<FunctionDef, Summary> {
    return this.shared.summaries;
  }

  get finalFrames(): WeakMap<FunctionDef, Frame> {
    return this.shared.finalFrames;
  }

  get classFields(): WeakMap<ClassInfo, Map<string, Value | undefined>> {
    return this.shared.classFields;
  }

  /** Other modules of the project, by file. */
  get modules(): Map<string, ModuleState> {
    return this.shared.modules;
  }

  private anyMention: RegExp | undefined | null = null;

  /** Whether a project file's text can hand untrusted data to its callers (inputReach.ts). */
  reachesInput(file: string): boolean {
    if (this.anyMention === null) this.anyMention = anyMentionPattern(this.index.models, this);
    return !!this.project && !!this.anyMention && this.shared.inputReach.reaches(this.project, this.anyMention, file);
  }

  /** No rule wants data of this family: its sources are not even tracked. */
  tracksFamily(family: SourceFamily): boolean {
    return this.families.has(family);
  }

  isKindEnabled(kind: string): boolean {
    return this.kindFamilies.has(kind);
  }

  familyOf(kind: string): SourceFamily | undefined {
    return this.kindFamilies.get(kind);
  }

  /** Whether taint that went through an unknown call is reported at sinks of this kind. */
  acceptsWeak(kind: string): boolean {
    return !this.strictKinds.has(kind);
  }

  bit(kind: string): number {
    return this.index.kindBits.get(kind) ?? 0;
  }

  /** Throws FlowTimeout past the deadline; cheap to call often. */
  tick(): void {
    if ((++this.checks & 127) === 0 && performance.now() > this.deadline) throw new FlowTimeout();
  }

  /** One origin per source expression, so that a loop analysed twice converges. */
  origin(file: StepFile | undefined, span: Span, label: string, family: SourceFamily, remote: boolean): Origin {
    const key = `${file?.path ?? ''}:${span.start}:${span.end}:${label}`;
    let origin = this.origins.get(key);
    if (!origin) {
      origin = { id: nextOriginId++, family, label, remote };
      this.origins.set(key, origin);
    }
    return origin;
  }

  /** Keeps one finding per sink and rule: the most certain, then the shortest path. */
  report(finding: FlowFinding): void {
    const key = `${finding.kind}:${finding.span.start}:${finding.span.end}`;
    const existing = this.findings.get(key);
    if (!existing || rank(finding) < rank(existing)) this.findings.set(key, finding);
  }

  /** Records what a watched expression evaluated to; clean only if clean every time. */
  verdict(span: Span, clean: boolean): void {
    if (!this.watched.has(span.start)) return;
    const existing = this.verdicts.get(span.start);
    if (!existing || span.end - span.start > existing.span.end - existing.span.start) {
      this.verdicts.set(span.start, { span, clean: existing && existing.span.end === span.end ? existing.clean && clean : clean });
    } else if (existing.span.end === span.end) {
      existing.clean &&= clean;
    }
  }
}

function rank(finding: FlowFinding): number {
  return (finding.taint.origin.remote ? 0 : 1000) + (finding.taint.weak ? 500 : 0) + finding.steps.length;
}
