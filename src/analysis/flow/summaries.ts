// Inter-procedural flow. A function of the project is analysed once, with symbolic parameters,
// into a summary: what it returns in terms of its parameters, which parameters reach which sink,
// and what a method leaves in `self`. A call applies the summary to its arguments. Functions
// defined inside another (closures, lambdas) are run in place instead, with the caller's values.
import { classChain, libraryBases } from './classes';
import * as constants from './constant';
import type { Frame, ModuleState, ParamSink, Summary, ViewInfo } from './frames';
import type { Interpreter } from './interpreter';
import type { Expr, FunctionDef, Parameter, Span } from './ir';
import type { HandlerClassModel, ParameterModel, RouteModel } from './models';
import { makeTaint } from './sources';
import { reportThroughCall } from './sinks';
import { appendSteps, traceOrigin, type TraceStep } from './trace';
import {
  anyElement,
  compact,
  constantValue,
  dataOf,
  deepTaints,
  elementOf,
  join,
  refValue,
  storable,
  unknownValue,
  withSafe,
  withoutSafe,
  withWeak,
  afterUnknownCall,
  type ClassInfo,
  type FunctionCallable,
  type Value,
} from './value';
import { attributeOf, subscriptOf } from './access';
import { callMethodByName, callValue } from './calls';

/** Summaries being computed at once (a chain of calls) past which a call is left unknown. */
const maxSummaryDepth = 12;
/** Closures run in place at most this deep. */
const maxInlineDepth = 3;
/** Parameter paths re-read inside one another (a method on a path applying another summary) at most this deep. */
const maxPathDepth = 8;

export interface EvaluatedArgument {
  readonly name?: string;
  readonly spread?: 'positional' | 'keyword';
  readonly value: Value;
  readonly span: Span;
}

export interface CallSite {
  readonly span: Span;
  /** The callee as written, for labels: `helpers.escape`. */
  readonly label: string;
  /** The receiver expression of a method call, to write an updated object back to. */
  readonly receiverExpr?: Expr;
}

export interface BoundArguments {
  readonly values: (Value | undefined)[];
  readonly spans: (Span | undefined)[];
  /** The first parameter is the method's own receiver (`self`), not something the caller passed. */
  readonly receiver: boolean;
}

function decoratorName(decorator: Expr): string | undefined {
  const callee = decorator.kind === 'call' ? decorator.callee : decorator;
  if (callee.kind === 'name') return callee.name;
  if (callee.kind === 'attribute') return callee.attribute;
  return undefined;
}

export function isStaticMethod(fn: FunctionDef): boolean {
  return fn.decorators.some((decorator) => decoratorName(decorator) === 'staticmethod');
}

// --- Views --------------------------------------------------------------------------------------

/** Parameter names a URL pattern captures, with those a converter makes numeric left out. */
function capturedNames(pattern: string, syntax: RouteModel['pattern']): { names: Set<string>; converted: Set<string> } {
  const names = new Set<string>();
  const converted = new Set<string>();
  const regex = syntax === 'braces' ? /\{(\w+)(?::(\w+))?\}/g : /<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>/g;
  for (const match of pattern.matchAll(regex)) {
    const [name, converter] = syntax === 'braces' ? [match[1], match[2]] : [match[2], match[1]];
    names.add(name);
    if (converter && /^(int|float|uuid)$/.test(converter)) converted.add(name);
  }
  return { names, converted };
}

function qualifiedOf(interp: Interpreter, frame: Frame, expr: Expr | undefined): string[] {
  if (!expr) return [];
  return (interp.evaluate(frame, new Map(), expr).refs ?? []).map((ref) => ref.path);
}

function routeFor(interp: Interpreter, frame: Frame, fn: FunctionDef): { route: RouteModel; pattern?: string } | undefined {
  for (const model of frame.module.active) {
    for (const route of model.routes ?? []) {
      for (const decorator of fn.decorators) {
        const callee = decorator.kind === 'call' ? decorator.callee : decorator;
        const matches =
          (route.decoratorMethod && callee.kind === 'attribute' && callee.attribute === route.decoratorMethod) ||
          (route.decoratorPath && qualifiedOf(interp, frame, callee).includes(route.decoratorPath));
        if (!matches) continue;
        const first = decorator.kind === 'call' ? decorator.args.find((arg) => !arg.name || arg.name === 'rule' || arg.name === 'path') : undefined;
        const pattern = first?.value.kind === 'constant' && first.value.value.type === 'str' ? first.value.value.value : undefined;
        return { route, pattern };
      }
    }
  }
  return undefined;
}

function typedParameterModel(interp: Interpreter, frame: Frame, parameter: Parameter): ParameterModel | undefined {
  let annotations: string[] | undefined;
  for (const model of frame.module.active) {
    for (const typed of model.parameters ?? []) {
      if (typed.name && typed.name === parameter.name) return typed;
      if (typed.annotation && parameter.annotation) {
        annotations ??= qualifiedOf(interp, frame, parameter.annotation);
        if (annotations.includes(typed.annotation)) return typed;
      }
    }
  }
  return undefined;
}

function handlerModelFor(frame: Frame, owner: ClassInfo | undefined): HandlerClassModel | undefined {
  if (!owner) return undefined;
  const bases = libraryBases(owner);
  for (const model of frame.module.active) for (const handler of model.handlerClasses ?? []) if (bases.includes(handler.base)) return handler;
  return undefined;
}

function isInjected(interp: Interpreter, frame: Frame, parameter: Parameter, route: RouteModel): boolean {
  const value = parameter.defaultValue;
  if (!value || value.kind !== 'call' || !route.injectedDefaults) return false;
  return qualifiedOf(interp, frame, value.callee).some((name) => route.injectedDefaults!.includes(name));
}

/** `user=Depends(current_user)`: the parameter is what the dependency returns (its request reads are sources). */
function injectedValue(interp: Interpreter, frame: Frame, parameter: Parameter): Value | undefined {
  const route = frame.view?.route;
  const call = parameter.defaultValue;
  if (!route || call?.kind !== 'call' || !isInjected(interp, frame, parameter, route)) return undefined;
  const dependency = call.args.find((arg) => !arg.name || arg.name === 'dependency');
  if (!dependency) return unknownValue;
  const callee = interp.evaluate(frame, new Map(), dependency.value);
  if (!callee.callables?.length) return unknownValue;
  return callValue(interp, frame, new Map(), callee, { args: [], site: { span: call.span, label: interp.textOf(frame, dependency.value.span) } });
}

function hasSafeAnnotation(interp: Interpreter, frame: Frame, parameter: Parameter, safe: readonly string[] | undefined): boolean {
  if (!parameter.annotation || !safe) return false;
  if (parameter.annotation.kind === 'name' && safe.includes(parameter.annotation.name)) return true;
  return qualifiedOf(interp, frame, parameter.annotation).some((name) => safe.includes(name));
}

/** Whether the framework calls `fn` with request data, and which parameters carry it. */
export function viewInfo(interp: Interpreter, frame: Frame, fn: FunctionDef, owner: ClassInfo | undefined): ViewInfo | undefined {
  const firstIsSelf = !!owner && !isStaticMethod(fn);
  const candidates = fn.parameters.map((_, index) => index).filter((index) => !(firstIsSelf && index === 0));
  const found = routeFor(interp, frame, fn);
  if (found) {
    const { route, pattern } = found;
    const captured = pattern !== undefined && route.parameters === 'captures' ? capturedNames(pattern, route.pattern) : undefined;
    const sources = candidates.filter((index) => {
      const parameter = fn.parameters[index];
      if (typedParameterModel(interp, frame, parameter) || isInjected(interp, frame, parameter, route)) return false;
      if (hasSafeAnnotation(interp, frame, parameter, route.safeAnnotations)) return false;
      if (captured) return captured.names.has(parameter.name) && !captured.converted.has(parameter.name);
      return parameter.kind !== 'kwargs' || route.parameters === 'all';
    });
    return { route, sourceParameters: new Set(sources), label: route.label, returnsHtml: !!route.returnsHtml };
  }
  const handler = handlerModelFor(frame, owner);
  const captures = (indexes: number[]) => indexes.filter((index) => !typedParameterModel(interp, frame, fn.parameters[index]) && !hasNumericDefault(fn.parameters[index]));
  if (handler?.captureMethods?.includes(fn.name)) {
    return { sourceParameters: new Set(captures(candidates)), label: handler.label ?? 'URL parameter', returnsHtml: !!handler.returnsHtml };
  }
  // A view by convention: a function taking the request object, under a view decorator or, unless
  // private (`_render(request, ...)`), in a views module or one with its own urlpatterns; in a
  // handler class, `dispatch` and decorated methods (`@action`). Other functions that take a
  // request are helpers (an API client's `server_get(request, instance_id)`): their other
  // parameters are whatever the caller passes.
  const requestIndex = candidates.find((index) => typedParameterModel(interp, frame, fn.parameters[index])?.marksView);
  if (requestIndex !== undefined) {
    const isView = owner
      ? !!handler && (fn.name === 'dispatch' || fn.decorators.length > 0)
      : fn.decorators.some((decorator) => viewDecorator.test(decoratorName(decorator) ?? '')) || (!fn.name.startsWith('_') && isViewModule(frame.module.file, frame.module.text));
    if (isView) return { sourceParameters: new Set(captures(candidates.filter((index) => index > requestIndex))), label: 'URL parameter', returnsHtml: false };
  }
  return undefined;
}

/** Decorators that only views wear: access checks, method and CSRF rules, caching of responses. */
const viewDecorator =
  /^(?:login_required|permission_required|user_passes_test|staff_member_required|superuser_required|require_\w+|csrf_\w+|ensure_csrf_cookie|api_view|action|never_cache|cache_page|cache_control|vary_on_\w+|xframe_options_\w+|sensitive_post_parameters|condition|etag|last_modified|gzip_page|view|route)$/;

function isViewModule(file: string | undefined, text: string): boolean {
  return /(^|[\\/])views?(\.py|[\\/])/.test(file ?? '') || /^urlpatterns\s*=/m.test(text);
}

/** `include_body=True`, `page=1`: URL captures are text (or None), so such a parameter is not one. */
function hasNumericDefault(parameter: Parameter): boolean {
  const value = parameter.defaultValue;
  return value?.kind === 'constant' && (value.value.type === 'bool' || value.value.type === 'int' || value.value.type === 'float');
}

// --- Summaries ----------------------------------------------------------------------------------

function parameterFlow(index: number): Value {
  return { params: [{ param: index, path: [], derived: false, safe: 0, steps: [], weak: false }] };
}

function parameterValue(interp: Interpreter, frame: Frame, fn: FunctionDef, index: number, owner: ClassInfo | undefined): Value {
  const parameter = fn.parameters[index];
  const typed = typedParameterModel(interp, frame, parameter);
  if (typed) return refValue(typed.ref);
  const injected = injectedValue(interp, frame, parameter);
  if (injected) return injected;
  if (frame.view?.sourceParameters.has(index)) {
    const taint = makeTaint(interp, frame, parameter.span, `${parameter.name}`, 'input', true);
    const label = `${frame.view.label} \`${parameter.name}\``;
    return taint ? { taints: [{ ...taint, trace: { ...taint.trace, step: { ...taint.trace.step, label } } }], shape: 'str' } : unknownValue;
  }
  if (owner && index === 0 && !isStaticMethod(fn)) {
    const handler = handlerModelFor(frame, owner);
    return compact({ ...parameterFlow(0), instances: [owner], refs: handler ? [{ path: handler.self }] : undefined });
  }
  return parameterFlow(index);
}

function selfFieldsAtExit(exits: readonly Value[]): ReadonlyMap<string, Value> | undefined {
  const fields = new Map<string, Value>();
  for (const self of exits) {
    for (const [key, value] of self.fields ?? []) if (key.startsWith('.')) fields.set(key, fields.has(key) ? join(fields.get(key)!, storable(value)) : storable(value));
  }
  return fields.size > 0 ? fields : undefined;
}

/** The summary of a project function, computed on first use; undefined inside a recursion. */
export function summaryOf(interp: Interpreter, fn: FunctionDef, module: ModuleState, owner?: ClassInfo, closure?: Frame): Summary | undefined {
  const session = interp.session;
  const cached = session.summaries.get(fn);
  if (cached) return cached;
  if (session.inProgress.has(fn) || session.inProgress.size >= maxSummaryDepth) return undefined;
  session.inProgress.add(fn);
  session.functionsAnalyzed++;
  try {
    const builder = { fn, paramSinks: [] as ParamSink[], selfAtExit: [] as Value[] };
    const probe: Frame = { module, kind: 'function', parent: closure, env: new Map(), globals: new Set(), nonlocals: new Set(), loops: [], inlineDepth: 0 };
    const view = viewInfo(interp, probe, fn, owner);
    const frame: Frame = {
      module,
      fn,
      parent: closure ?? (owner?.closure as Frame | undefined),
      kind: 'function',
      summary: builder,
      env: new Map(),
      globals: new Set(),
      nonlocals: new Set(),
      loops: [],
      view,
      selfName: owner && !isStaticMethod(fn) ? fn.parameters[0]?.name : undefined,
      inlineDepth: 0,
    };
    fn.parameters.forEach((parameter, index) => frame.env.set(parameter.name, parameterValue(interp, frame, fn, index, owner)));
    const end = interp.block(frame, fn.body, frame.env);
    if (end) {
      interp.recordExit(frame, end);
      frame.returned = frame.returned ? join(frame.returned, constantValue(constants.none)) : constantValue(constants.none);
    }
    const returns: Value = frame.yielded ? { shape: 'list', rest: frame.yielded } : frame.returned ?? {};
    const summary: Summary = {
      returns,
      paramSinks: builder.paramSinks,
      selfFields: selfFieldsAtExit(builder.selfAtExit),
      isView: !!view?.returnsHtml,
      neverReturns: !end && !frame.returned && !frame.yielded,
    };
    session.summaries.set(fn, summary);
    session.finalFrames.set(fn, frame);
    return summary;
  } finally {
    session.inProgress.delete(fn);
  }
}

// --- Calls --------------------------------------------------------------------------------------

/** Matches arguments to parameters as Python does, as far as the call shows. */
export function bindArguments(fn: FunctionDef, args: readonly EvaluatedArgument[], self: Value | undefined): BoundArguments {
  const parameters = fn.parameters;
  const values: (Value | undefined)[] = new Array(parameters.length).fill(undefined);
  const spans: (Span | undefined)[] = new Array(parameters.length).fill(undefined);
  let next = 0;
  if (self) values[next++] = self;
  const varargs = parameters.findIndex((parameter) => parameter.kind === 'varargs');
  const kwargs = parameters.findIndex((parameter) => parameter.kind === 'kwargs');
  const extraPositional: Value[] = [];
  let spread: Value | undefined;
  for (const arg of args) {
    if (arg.name || arg.spread === 'keyword') continue;
    if (arg.spread === 'positional') {
      spread = spread ? join(spread, elementOf(arg.value)) : elementOf(arg.value);
      continue;
    }
    if (spread) {
      spread = join(spread, arg.value);
      continue;
    }
    if (next < parameters.length && parameters[next].kind === 'positional') {
      values[next] = arg.value;
      spans[next] = arg.span;
      next++;
    } else {
      extraPositional.push(arg.value);
    }
  }
  if (spread) {
    for (let index = next; index < parameters.length && parameters[index].kind === 'positional'; index++) values[index] = spread;
  }
  if (varargs >= 0) {
    values[varargs] = spread ? { shape: 'tuple', rest: join(spread, extraPositional.reduce((a, b) => join(a, b), {} as Value)) } : { shape: 'tuple', items: extraPositional };
  }
  const extraKeywords = new Map<string, Value>();
  let keywordSpread: Value | undefined;
  for (const arg of args) {
    if (arg.spread === 'keyword') {
      keywordSpread = keywordSpread ? join(keywordSpread, arg.value) : arg.value;
      continue;
    }
    if (!arg.name) continue;
    const index = parameters.findIndex((parameter) => parameter.name === arg.name && parameter.kind !== 'varargs' && parameter.kind !== 'kwargs');
    if (index >= 0) {
      values[index] = arg.value;
      spans[index] = arg.span;
    } else {
      extraKeywords.set(`'${arg.name}`, arg.value);
    }
  }
  if (keywordSpread) {
    parameters.forEach((parameter, index) => {
      if (values[index] || parameter.kind === 'varargs' || parameter.kind === 'kwargs') return;
      const field = keywordSpread!.fields?.get(`'${parameter.name}`);
      if (field) values[index] = field;
      else if (keywordSpread!.rest || keywordSpread!.taints || keywordSpread!.params) values[index] = anyElement(keywordSpread!);
    });
  }
  if (kwargs >= 0) values[kwargs] = compact({ shape: 'dict', fields: extraKeywords, rest: keywordSpread && anyElement(keywordSpread) });
  return { values, spans, receiver: !!self };
}

function defaultValue(module: ModuleState, parameter: Parameter): Value {
  const expr = parameter.defaultValue;
  if (!expr) return unknownValue;
  if (expr.kind === 'constant') return constantValue(expr.value);
  if (expr.kind === 'name') return module.env.get(expr.name) ?? unknownValue;
  return unknownValue;
}

/** Parameters the caller left out take their defaults, read in the callee's own module. */
function withDefaults(bound: BoundArguments, fn: FunctionDef, module: ModuleState): BoundArguments {
  if (!fn.parameters.some((parameter, index) => !bound.values[index] && parameter.defaultValue)) return bound;
  const values = bound.values.map((value, index) => value ?? (fn.parameters[index].defaultValue ? defaultValue(module, fn.parameters[index]) : undefined));
  return { ...bound, values };
}

/** The step that hands a caller's value to a parameter, or calls a method on it (its `self`). */
function passStep(interp: Interpreter, frame: Frame, fn: FunctionDef, index: number, bound: BoundArguments, site: CallSite): TraceStep {
  return interp.step(frame, bound.spans[index] ?? site.span, passLabel(fn, index, bound.receiver), 'call');
}

function passLabel(fn: FunctionDef, index: number, receiver: boolean): string {
  if (index === 0 && receiver) return `\`${fn.name}()\` called on it`;
  return `passed to \`${fn.name}()\` as \`${fn.parameters[index]?.name ?? `argument ${index + 1}`}\``;
}

/** Extends a caller's value with the steps it takes inside the callee. */
function throughCallee(value: Value, pass: TraceStep, steps: readonly TraceStep[]): Value {
  if (!value.taints && !value.params) return value;
  const added = [pass, ...steps];
  return compact({
    ...value,
    taints: value.taints?.map((taint) => ({ ...taint, trace: appendSteps(taint.trace, added) })),
    params: value.params?.map((flow) => ({ ...flow, steps: [...flow.steps, ...added] })),
  });
}

/** Re-reads a parameter's path (`.args`, `.get()`, `['k']`) on the value the caller passed. */
export function applyPath(interp: Interpreter, frame: Frame, value: Value, path: readonly string[], span: Span): Value {
  const session = interp.session;
  // A method on the path may apply a summary whose path calls that method again (`super().clean()`).
  if (session.pathDepth >= maxPathDepth) return compact({ ...dataOf(value), opaque: true });
  session.pathDepth++;
  try {
    return readPath(interp, frame, value, path, span);
  } finally {
    session.pathDepth--;
  }
}

function readPath(interp: Interpreter, frame: Frame, value: Value, path: readonly string[], span: Span): Value {
  let current = value;
  for (let index = 0; index < path.length; index++) {
    const step = path[index];
    if (step.startsWith('.')) {
      if (path[index + 1] === '()') {
        current = callMethodByName(interp, frame, current, step.slice(1), span);
        index++;
      } else {
        current = attributeOf(interp, frame, current, step.slice(1), span);
      }
    } else if (step === '[*]') {
      current = subscriptOf(current, {});
    } else if (step.startsWith('[')) {
      const key = step.slice(1, -1);
      const constant: constants.Constant | undefined = key.startsWith("'") ? constants.str(key.slice(1)) : key.startsWith('#') ? constants.int(BigInt(key.slice(1))) : undefined;
      current = subscriptOf(current, constantValue(constant));
    } else if (step === '()') {
      current = compact({ ...dataOf(current), opaque: true });
    }
  }
  return current;
}

/** What a parameter flow stands for at a call: the argument read along its path, only its data once derived. */
function valueAtPath(interp: Interpreter, frame: Frame, actual: Value, flow: { readonly path: readonly string[]; readonly derived: boolean }, span: Span): Value {
  const value = applyPath(interp, frame, actual, flow.path, span);
  return flow.derived ? dataOf(value) : value;
}

/** The value without the taints whose source is the call at `span` (read there along a parameter's path). */
function withoutSourcesAt(value: Value, span: Span): Value {
  const kept = deepTaints(value).filter((taint) => {
    const origin = traceOrigin(taint.trace);
    return origin.file !== undefined || origin.span.start !== span.start || origin.span.end !== span.end;
  });
  return compact({ ...dataOf(value), taints: kept.length > 0 ? kept : undefined });
}

/** A summary's value with the caller's arguments in place of its parameter flows. */
function substitute(interp: Interpreter, frame: Frame, value: Value, fn: FunctionDef, bound: BoundArguments, site: CallSite, depth = 0): Value {
  if (!value.params && !value.items && !value.fields && !value.rest) return value;
  let result: Value = compact({
    ...value,
    params: undefined,
    items: value.items && depth < 3 ? value.items.map((item) => substitute(interp, frame, item, fn, bound, site, depth + 1)) : value.items,
    fields:
      value.fields && depth < 3
        ? new Map([...value.fields].map(([key, field]) => [key, substitute(interp, frame, field, fn, bound, site, depth + 1)]))
        : value.fields,
    rest: value.rest && depth < 3 ? substitute(interp, frame, value.rest, fn, bound, site, depth + 1) : value.rest,
  });
  for (const flow of value.params ?? []) {
    const actual = bound.values[flow.param];
    if (!actual) {
      result = join(result, unknownValue);
      continue;
    }
    let data = valueAtPath(interp, frame, actual, flow, site.span);
    if (flow.decoded) data = withoutSafe(data);
    data = withSafe(data, flow.safe);
    if (flow.weak) data = afterUnknownCall(data);
    data = throughCallee(data, passStep(interp, frame, fn, flow.param, bound, site), flow.steps);
    result = join(result, data);
  }
  return result;
}

function classClosure(owner: ClassInfo | undefined): Frame | undefined {
  return owner?.closure as Frame | undefined;
}

export interface CallOutcome {
  readonly value: Value;
  /** The receiver after a method call, when the method changed its fields. */
  readonly self?: Value;
}

/** Calls a function of the analysed code: closures in place, everything else through its summary. */
export function callFunction(interp: Interpreter, frame: Frame, callable: FunctionCallable, args: readonly EvaluatedArgument[], site: CallSite): CallOutcome {
  const { fn } = callable;
  const module = callable.module as ModuleState;
  const self = callable.self && !isStaticMethod(fn) ? callable.self : undefined;
  const closure = callable.closure as Frame | undefined;
  const session = interp.session;
  if (closure && frame.inlineDepth < maxInlineDepth && !session.inlineStack.has(fn)) return callInPlace(interp, frame, callable, args, site);
  const summary = summaryOf(interp, fn, module, callable.owner, closure ?? classClosure(callable.owner));
  if (!summary) {
    // A function calling itself may hand its arguments back. One reached again through a cycle of
    // other summaries (a method reading a field whose writers call it) is left unknown: its
    // arguments' data would stay in the summaries of the cycle, which are kept.
    if (session.inProgress.has(fn) && frame.summary?.fn !== fn) return { value: unknownValue };
    let data: Value = unknownValue;
    for (const arg of args) data = join(data, dataOf(arg.value));
    return { value: withWeak(data) };
  }
  if (summary.neverReturns) frame.exits = true;
  const bound = withDefaults(bindArguments(fn, args, self), fn, module);
  const inheritedHandler = !!callable.owner && !isStaticMethod(fn) && !!handlerModelFor(frame, callable.owner);
  for (const sink of summary.paramSinks) {
    const actual = bound.values[sink.param];
    if (!actual) continue;
    let data = valueAtPath(interp, frame, actual, sink, site.span);
    // A handler method of another file, reached through `self`, reads the request there: that
    // file reports it. What this file's `self` carries into it is still reported here.
    if (inheritedHandler && sink.param === 0 && sink.sinkModule !== frame.module) data = withoutSourcesAt(data, site.span);
    reportThroughCall(interp, frame, sink, data, passStep(interp, frame, fn, sink.param, bound, site), site);
  }
  const value = interp.stepped(frame, substitute(interp, frame, summary.returns, fn, bound, site), site.span, `returned by \`${fn.name}()\``, 'return');
  let updatedSelf: Value | undefined;
  if (self && summary.selfFields) {
    const fields = new Map(self.fields ?? []);
    for (const [key, field] of summary.selfFields) fields.set(key, storable(substitute(interp, frame, field, fn, bound, site)));
    updatedSelf = compact({ ...self, fields });
  }
  return { value, self: updatedSelf };
}

function callInPlace(interp: Interpreter, frame: Frame, callable: FunctionCallable, args: readonly EvaluatedArgument[], site: CallSite): CallOutcome {
  const { fn } = callable;
  const module = callable.module as ModuleState;
  const session = interp.session;
  session.inlineStack.add(fn);
  try {
    const inner: Frame = {
      module,
      fn,
      parent: callable.closure as Frame,
      kind: 'function',
      summary: frame.summary,
      env: new Map(),
      globals: new Set(),
      nonlocals: new Set(),
      loops: [],
      inlineDepth: frame.inlineDepth + 1,
    };
    const bound = bindArguments(fn, args, callable.self && !isStaticMethod(fn) ? callable.self : undefined);
    fn.parameters.forEach((parameter, index) => {
      const value = bound.values[index] ?? defaultValue(module, parameter);
      inner.env.set(parameter.name, interp.stepped(inner, value, bound.spans[index] ?? site.span, passLabel(fn, index, bound.receiver), 'call'));
    });
    const end = interp.block(inner, fn.body, inner.env);
    let returned = inner.returned;
    if (end) returned = returned ? join(returned, constantValue(constants.none)) : constantValue(constants.none);
    if (!end && !inner.returned) frame.exits = true;
    return { value: interp.stepped(frame, returned ?? {}, site.span, `returned by \`${fn.name}()\``, 'return') };
  } finally {
    session.inlineStack.delete(fn);
  }
}

/** `Cls(args)`: a new instance, with the fields `__init__` sets from the arguments. */
export function instantiate(interp: Interpreter, frame: Frame, cls: ClassInfo, args: readonly EvaluatedArgument[], site: CallSite): Value {
  const bases = classChain(cls);
  const refs = libraryBases(cls).map((path) => ({ path: `${path}()` }));
  let instance: Value = compact({ shape: 'object', instances: [cls], refs: refs.length > 0 ? refs : undefined });
  const init = bases.map((link) => ({ link, method: link.methods.get('__init__') })).find((entry) => entry.method);
  if (init?.method) {
    const outcome = callFunction(interp, frame, { kind: 'function', fn: init.method, module: init.link.module, self: instance, owner: init.link }, args, site);
    if (outcome.self) instance = outcome.self;
  }
  return instance;
}
