// How tainted data got where it is: a chain of steps, newest first, shared between the values that
// descend from one another (extending a trace is one allocation, never a copy).
import type { Span } from './ir';

/** Identifies the file a step is in, when it is not the file under analysis. */
export interface StepFile {
  readonly path: string;
  /** Line starts of that file, to turn offsets into positions. */
  readonly lineStarts: readonly number[];
}

export interface TraceStep {
  readonly span: Span;
  /** Short, for a list of steps: "user input `request.args`", "assigned to `bar`". */
  readonly label: string;
  readonly kind: 'source' | 'step' | 'call' | 'return' | 'sink';
  readonly file?: StepFile;
}

export interface TraceNode {
  readonly step: TraceStep;
  readonly previous?: TraceNode;
  readonly length: number;
}

/** Steps beyond this are not recorded (a loop can otherwise grow a trace without end). */
export const maxTraceLength = 40;

export function startTrace(step: TraceStep): TraceNode {
  return { step, length: 1 };
}

export function extendTrace(trace: TraceNode, step: TraceStep): TraceNode {
  if (trace.length >= maxTraceLength) return trace;
  // The same step twice in a row says nothing new (a loop body analysed again, say).
  if (trace.step.span.start === step.span.start && trace.step.span.end === step.span.end && trace.step.label === step.label) return trace;
  return { step, previous: trace, length: trace.length + 1 };
}

export function appendSteps(trace: TraceNode, steps: readonly TraceStep[]): TraceNode {
  let current = trace;
  for (const step of steps) current = extendTrace(current, step);
  return current;
}

/** Oldest step first. */
export function traceSteps(trace: TraceNode | undefined): TraceStep[] {
  const steps: TraceStep[] = [];
  for (let node = trace; node; node = node.previous) steps.push(node.step);
  return steps.reverse();
}

/** The first step: where the data came from. */
export function traceOrigin(trace: TraceNode): TraceStep {
  let node = trace;
  while (node.previous) node = node.previous;
  return node.step;
}
