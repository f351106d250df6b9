// Sinks: a call, a store or a view's response that must not receive untrusted data. Data that
// reaches one is reported (in the analysed file) or, inside a function summary, recorded as a
// parameter that reaches the sink, for the callers to report.
import { basename } from 'node:path';
import type { Confidence } from '../finding';
import { positionAt } from '../lineStarts';
import * as constants from './constant';
import type { Frame, ParamSink } from './frames';
import type { Interpreter } from './interpreter';
import type { Expr, Span } from './ir';
import type { KeywordCondition, SinkModel, UnlessCondition } from './models';
import type { CallSite, EvaluatedArgument } from './summaries';
import { traceSteps, type TraceStep } from './trace';
import { percentFields } from './formatting';
import { anyElement, compact, deepParams, deepTaints, elementOf, flatten, withSafe, type Taint, type Value } from './value';

function argumentFor(args: readonly EvaluatedArgument[], condition: KeywordCondition): Value | undefined {
  const named = args.find((arg) => arg.name === condition.keyword);
  if (named) return named.value;
  if (condition.position === undefined) return undefined;
  return args.filter((arg) => !arg.name && !arg.spread)[condition.position]?.value;
}

function unlessHolds(value: Value, unless: UnlessCondition): boolean {
  const paths = (value.refs ?? []).map((ref) => ref.path.replace(/\(\)$/, ''));
  if (unless.refs && paths.some((path) => unless.refs!.includes(path))) return true;
  const text = value.constant?.type === 'str' ? value.constant.value.toLowerCase() : undefined;
  // A prefix is enough: `text/plain; charset=utf-8` is plain text.
  if (unless.constants && text !== undefined && unless.constants.some((constant) => text.startsWith(constant))) return true;
  if (unless.falsy && value.constant && !constants.truthy(value.constant)) return true;
  if (unless.shapes && value.shape && unless.shapes.includes(value.shape)) return true;
  if (unless.refKeywordFalsy) {
    const keyword = unless.refKeywordFalsy;
    if (value.refs?.length && value.refs.every((ref) => { const set = ref.keywords?.get(keyword); return !!set && !constants.truthy(set); })) return true;
  }
  return false;
}

/** Only a shell or a program name lets a command's text run as code. */
const shellProgram = /(^|[\\/])((ba|da|k|z|c|tc|fi)?sh|cmd(\.exe)?|powershell(\.exe)?|pwsh)$/i;

/** The part of a command that names the program (or all of it, for `sh -c ...`). */
function commandProgram(value: Value): Value {
  if (value.items && (value.items.length > 0 || !value.rest)) {
    const [program] = value.items;
    if (!program) return {};
    const isShell = program.constant?.type === 'str' && shellProgram.test(program.constant.value);
    const runsText = !!value.rest || value.items.some((item) => item.constant?.type === 'str' && /^[-/]c$/i.test(item.constant.value));
    return isShell && runsText ? flatten(value) : program;
  }
  if (value.shape === 'list' || value.shape === 'tuple' || value.rest) return anyElement(value);
  return value;
}

/** A fixed scheme and host at the start: what follows cannot send the request elsewhere. */
const fixedHost = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\@]+[/?#]/i;
/** A path on this site: `/x...` but not `//host` or `/\host`. */
const localPath = /^\/[^/\\]/;

function safePrefix(prefix: string | undefined, mode: 'url' | 'redirect'): boolean {
  if (!prefix) return false;
  return fixedHost.test(prefix) || (mode === 'redirect' && localPath.test(prefix));
}

function confidenceOf(taint: Taint, base: Confidence | undefined): Confidence {
  if (taint.weak || !taint.origin.remote) return base === 'low' ? 'low' : 'medium';
  return base ?? 'high';
}

function addParamSink(frame: Frame, sink: ParamSink): void {
  const summary = frame.summary;
  if (!summary) return;
  const exists = summary.paramSinks.some(
    (other) =>
      other.param === sink.param &&
      other.kind === sink.kind &&
      other.derived === sink.derived &&
      other.sinkSpan.start === sink.sinkSpan.start &&
      other.sinkModule === sink.sinkModule &&
      other.path.join('\u0000') === sink.path.join('\u0000'),
  );
  if (!exists && summary.paramSinks.length < 64) summary.paramSinks.push(sink);
}

/** Reports the untrusted data in `data` that reaches a sink of `kind` at `span`. */
export function reportData(interp: Interpreter, frame: Frame, kind: string, data: Value, span: Span, label: string, confidence?: Confidence): void {
  const { session } = interp;
  const family = session.familyOf(kind);
  if (!family) return;
  const bit = session.bit(kind);
  const sinkStep = interp.step(frame, span, `reaches ${label.includes('`') ? label : `\`${label}\``}`, 'sink');
  if (frame.module.isMain) {
    for (const taint of deepTaints(data)) {
      if (taint.origin.family !== family || (family === 'input' && (taint.safe & bit) !== 0)) continue;
      if (taint.weak && !session.acceptsWeak(kind)) continue;
      session.report({ kind, span, sinkLabel: label, taint, steps: [...traceSteps(taint.trace), sinkStep], confidence: confidenceOf(taint, confidence) });
    }
  }
  for (const flow of deepParams(data)) {
    if (family === 'input' && (flow.safe & bit) !== 0) continue;
    addParamSink(frame, { param: flow.param, path: flow.path, derived: flow.derived, safe: flow.safe, weak: flow.weak, decoded: flow.decoded, steps: [...flow.steps, sinkStep], kind, sinkSpan: span, sinkLabel: label, sinkModule: frame.module });
  }
}

export function checkCallSink(interp: Interpreter, frame: Frame, sink: SinkModel, receiver: Value | undefined, args: readonly EvaluatedArgument[], site: CallSite): void {
  if (!interp.session.isKindEnabled(sink.kind)) return;
  if (sink.requires) {
    const required = argumentFor(args, sink.requires);
    if (!required || (required.constant && !constants.truthy(required.constant))) return;
    const prefixes = sink.requires.startsWith;
    if (prefixes && !(required.constant?.type === 'str' && prefixes.some((prefix) => (required.constant as { value: string }).value.toLowerCase().startsWith(prefix)))) return;
  }
  for (const unless of sink.unless ?? []) {
    const value = argumentFor(args, unless);
    if (value && unlessHolds(value, unless)) return;
  }
  const checked: Value[] = [];
  if (sink.allArgs || sink.store) {
    const escaped = sink.formatTemplate !== undefined ? escapedByFormat(args, sink.formatTemplate) : new Set<EvaluatedArgument>();
    checked.push(...args.filter((arg) => !escaped.has(arg)).map((arg) => arg.value));
  } else {
    const positions = sink.args ?? (sink.keywords ? [] : [0]);
    let position = 0;
    for (const arg of args) {
      if (arg.name || arg.spread === 'keyword') continue;
      if (arg.spread === 'positional') {
        if (positions.some((wanted) => wanted >= position)) checked.push(elementOf(arg.value));
        break;
      }
      if (positions.includes(position)) checked.push(arg.value);
      position++;
    }
    for (const arg of args) {
      if (arg.name && sink.keywords?.includes(arg.name)) checked.push(arg.value);
      if (arg.spread === 'keyword' && sink.keywords) checked.push(anyElement(arg.value));
    }
  }
  if (sink.receiverData && receiver) checked.push(receiver);
  const label = sink.label ?? `${site.label}()`;
  for (const value of checked) {
    let data = sink.programOnly ? commandProgram(value) : value;
    if (sink.prefixSensitive) {
      if (safePrefix(data.prefix, sink.prefixSensitive)) continue;
      // With a constant start, that start decides ("/" + path may still make "//host"); after a
      // start that is not constant (a base URL from settings), the data cannot choose the host.
      if (!data.prefix) data = compact({ ...data, taints: data.taints?.filter((taint) => !taint.inside) });
    }
    reportData(interp, frame, sink.kind, data, site.span, label, sink.confidence);
  }
}

/** Conversions whose output holds no line break: repr() escapes them, numbers have none. */
const escapingConversion = /^[rdiouxXeEfFgG]$/;

/** The arguments a constant `%` template at `position` formats with an escaping conversion. */
function escapedByFormat(args: readonly EvaluatedArgument[], position: number): Set<EvaluatedArgument> {
  const plain = args.filter((arg) => !arg.name && !arg.spread);
  const template = plain[position]?.value.constant;
  const escaped = new Set<EvaluatedArgument>();
  // Keywords (exc_info=True) come after the positions; a spread (*args) hides which is which.
  if (template?.type !== 'str' || args.some((arg) => arg.spread)) return escaped;
  percentFields(template.value).forEach((field, index) => {
    const arg = plain[position + 1 + index];
    if (arg && field.name === undefined && escapingConversion.test(field.conversion ?? '')) escaped.add(arg);
  });
  return escaped;
}

/** `obj[key] = value` where `obj` is a store sink (a session, response headers). */
export function checkStore(interp: Interpreter, frame: Frame, object: Value, objectExpr: Expr, value: Value, span: Span): void {
  const { index } = interp.session;
  const active = frame.module.active;
  const text = interp.textOf(frame, objectExpr.span).replace(/\s+/g, '');
  const sinks = new Set<SinkModel>();
  for (const ref of object.refs ?? []) for (const sink of index.sinks.forPath(ref.path, active)) if (sink.store) sinks.add(sink);
  for (const sink of index.sinks.forMethod('__setitem__', active)) if (sink.store && (!sink.receiver || sink.receiver.test(text))) sinks.add(sink);
  for (const sink of sinks) {
    if (interp.session.isKindEnabled(sink.kind)) reportData(interp, frame, sink.kind, value, span, sink.label ?? `${text}[...]`, sink.confidence);
  }
}

/** A view's return value is the response: untrusted text in it is cross-site scripting. */
export function checkViewReturn(interp: Interpreter, frame: Frame, value: Value, span: Span): Value {
  const view = frame.view;
  const kind = 'xss';
  if (!view?.returnsHtml || !interp.session.isKindEnabled(kind)) return value;
  const body = value.shape === 'tuple' && value.items ? value.items[0] : value;
  if (body && body.shape !== 'dict' && body.shape !== 'list' && body.shape !== 'set' && body.shape !== 'object') {
    // Only data that surely kept its text: through an unknown call it may have become anything.
    const strong = compact({ taints: body.taints?.filter((taint) => !taint.weak) });
    reportData(interp, frame, kind, strong, span, `the response of \`${frame.fn?.name ?? 'view'}()\``);
  }
  const bit = interp.session.bit(kind);
  const reported = withSafe(value, bit);
  return value.items && value.shape === 'tuple' ? compact({ ...reported, items: value.items.map((item, index) => (index === 0 ? withSafe(item, bit) : item)) }) : reported;
}

/** "`os.system()` in utils.py:12, through `run()`": a sink in another file, reached by a call here. */
function elsewhere(sink: ParamSink, site: CallSite): string {
  const file = sink.sinkModule.stepFile;
  const name = sink.sinkLabel.includes('`') ? sink.sinkLabel : `\`${sink.sinkLabel}\``;
  const place = file ? ` in ${basename(file.path)}:${positionAt(file.lineStarts, sink.sinkSpan.start).line + 1}` : '';
  return `${name}${place}, through \`${site.label}()\``;
}

/** A summary's parameter sink, reached by what a caller passed. */
export function reportThroughCall(interp: Interpreter, frame: Frame, sink: ParamSink, data: Value, pass: TraceStep, site: CallSite): void {
  const { session } = interp;
  const family = session.familyOf(sink.kind);
  if (!family) return;
  const bit = session.bit(sink.kind);
  const inThisFile = sink.sinkModule.isMain;
  if (frame.module.isMain) {
    for (const taint of deepTaints(data)) {
      if (taint.origin.family !== family || (family === 'input' && (((sink.decoded ? 0 : taint.safe) | sink.safe) & bit) !== 0)) continue;
      const weak = taint.weak || sink.weak;
      if (weak && !session.acceptsWeak(sink.kind)) continue;
      const reported = weak && !taint.weak ? { ...taint, weak } : taint;
      session.report({
        kind: sink.kind,
        span: inThisFile ? sink.sinkSpan : site.span,
        sinkLabel: inThisFile ? sink.sinkLabel : elsewhere(sink, site),
        taint: reported,
        steps: [...traceSteps(taint.trace), pass, ...sink.steps],
        confidence: confidenceOf(reported, undefined),
      });
    }
  }
  for (const flow of deepParams(data)) {
    const safe = (sink.decoded ? 0 : flow.safe) | sink.safe;
    if (family === 'input' && (safe & bit) !== 0) continue;
    addParamSink(frame, {
      ...sink,
      param: flow.param,
      path: flow.path,
      derived: flow.derived,
      safe,
      decoded: sink.decoded || flow.decoded,
      weak: flow.weak || sink.weak,
      steps: [...flow.steps, pass, ...sink.steps],
    });
  }
}
