// Flow results as findings: one per sink reached, with its path, and the pattern findings at the
// same places either replaced (a path was proven) or dropped (flow proved the value clean).
import { basename } from 'node:path';
import type { Finding, Range, RuleMeta, Severity, TraceStep } from './finding';
import type { FlowFinding, Verdict } from './flow/session';
import type { TraceStep as FlowStep } from './flow/trace';
import { offsetAt, positionAt, rangeAt } from './lineStarts';
import type { TaintRule } from './rules/rule';

/** Input from the local user (argv, input()) is one step less severe than input from the network. */
const localSeverity: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'info', hint: 'hint' };

function toTraceStep(step: FlowStep, starts: readonly number[]): TraceStep {
  const lines = step.file ? step.file.lineStarts : starts;
  const converted: TraceStep = { range: rangeAt(lines, step.span.start, step.span.end), label: step.label, kind: step.kind };
  if (step.file) converted.file = step.file.path;
  return converted;
}

function where(step: FlowStep, starts: readonly number[]): string {
  const lines = step.file ? step.file.lineStarts : starts;
  const line = positionAt(lines, step.span.start).line + 1;
  return step.file ? `${basename(step.file.path)}:${line}` : `line ${line}`;
}

function message(finding: FlowFinding, starts: readonly number[]): string {
  const origin = finding.taint.origin;
  const source = finding.steps[0];
  const sink = finding.sinkLabel.includes('`') ? finding.sinkLabel : `\`${finding.sinkLabel}\``;
  const from = source ? ` (${where(source, starts)})` : '';
  if (origin.family === 'random') return `A predictable value from \`${origin.label}\`${from} reaches ${sink}.`;
  return `${origin.remote ? 'User input' : 'Local input'} \`${origin.label}\`${from} reaches ${sink}.`;
}

export function taintFinding(meta: RuleMeta, finding: FlowFinding, starts: readonly number[], override: Severity | 'off' | undefined): Finding {
  const local = finding.taint.origin.family === 'input' && !finding.taint.origin.remote;
  const severity = override && override !== 'off' ? override : local ? localSeverity[meta.severity] : meta.severity;
  const result: Finding = {
    ruleId: meta.id,
    aliases: meta.aliases,
    category: meta.category,
    severity,
    confidence: finding.confidence,
    message: message(finding, starts),
    range: rangeAt(starts, finding.span.start, finding.span.end),
    source: 'parse',
    trace: finding.steps.map((step) => toTraceStep(step, starts)),
  };
  if (meta.cwe !== undefined) result.cwe = meta.cwe;
  return result;
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.column <= b.column);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** A taint finding covers a pattern finding inside its sink call or on one of its steps in this file. */
function covers(taint: Finding, pattern: Finding): boolean {
  return contains(taint.range, pattern.range) || !!taint.trace?.some((step) => !step.file && contains(step.range, pattern.range));
}

/**
 * The pattern findings that stand next to the taint findings: those of a rule a taint rule
 * supersedes go when a taint finding covers them, or when flow proved their value clean.
 */
export function remainingPatternFindings(
  patternFindings: readonly Finding[],
  taintFindings: readonly Finding[],
  supersededBy: ReadonlyMap<string, readonly TaintRule[]>,
  verdicts: ReadonlyMap<number, Verdict>,
  starts: readonly number[],
): Finding[] {
  return patternFindings.filter((finding) => {
    const rules = supersededBy.get(finding.ruleId);
    if (!rules) return true;
    const verdict = verdicts.get(offsetAt(starts, finding.range.start));
    if (verdict?.clean && verdict.span.end >= offsetAt(starts, finding.range.end)) return false;
    const ids = new Set(rules.map((rule) => rule.meta.id));
    return !taintFindings.some((taint) => ids.has(taint.ruleId) && covers(taint, finding));
  });
}
