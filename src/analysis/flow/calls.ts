// Calls: to project functions and classes (summaries.ts), to library functions (models: sources,
// sanitisers, propagators, exits), to built-ins, and to methods of values the analysis follows
// (strings, lists, dicts). Sinks are checked before the result is computed.
import { attributeOf } from './access';
import * as constants from './constant';
import type { Env, Frame } from './frames';
import { isClean, type Interpreter } from './interpreter';
import type { Expr } from './ir';
import type { SanitizerModel, SinkModel } from './models';
import { methodSourceTaint, sourceTaint } from './sources';
import { checkCallSink } from './sinks';
import { braceData, hasQueryMark, urlTargetKinds } from './formatting';
import { callFunction, instantiate, type CallSite, type EvaluatedArgument } from './summaries';
import {
  anyElement,
  compact,
  constantKey,
  constantValue,
  dataOf,
  elementOf,
  inside,
  join,
  refValue,
  unknownValue,
  withField,
  withoutInput,
  withSafe,
  withoutSafe,
  withWeak,
  afterUnknownCall,
  type Ref,
  type Value,
} from './value';

/** Methods that store into the object they are called on (the `store` sinks). */
const storeMethods = new Set(['update', 'setdefault', '__setitem__']);

/** Container methods that put their arguments into the container: the trace says so. */
const addingMethods = new Set(['append', 'extend', 'insert', 'add', 'update', 'setdefault']);

/** Methods of strings, bytes, lists and mappings that hand on the receiver's data unchanged in kind. */
const carryingMethods = new Set([
  'capitalize', 'casefold', 'center', 'decode', 'encode', 'expandtabs', 'format', 'format_map', 'join', 'ljust', 'lower',
  'lstrip', 'partition', 'removeprefix', 'removesuffix', 'replace', 'rjust', 'rpartition', 'rsplit', 'rstrip', 'split',
  'splitlines', 'strip', 'swapcase', 'title', 'translate', 'upper', 'zfill',
  'get', 'getlist', 'getall', 'getone', 'pop', 'popitem', 'copy', 'items', 'keys', 'values', 'setdefault', 'to_dict', 'dict',
  'read', 'readline', 'readlines', 'getvalue', 'tobytes', 'tolist',
]);

/** Carrying methods whose result holds their arguments' text too. */
const argumentCarryingMethods = new Set(['replace', 'join', 'format', 'format_map', 'center', 'ljust', 'rjust']);

/** Carrying methods of strings whose result is a string again. */
const textMethods = new Set([
  'capitalize', 'casefold', 'center', 'decode', 'expandtabs', 'format', 'join', 'ljust', 'lower', 'lstrip', 'removeprefix',
  'removesuffix', 'replace', 'rjust', 'rstrip', 'strip', 'swapcase', 'title', 'translate', 'upper', 'zfill',
]);

/** Methods whose result is a bool or a number: none of the receiver's text survives. */
const countingMethods = new Set([
  'startswith', 'endswith', 'isalnum', 'isalpha', 'isascii', 'isdecimal', 'isdigit', 'isidentifier', 'islower', 'isnumeric',
  'isprintable', 'isspace', 'istitle', 'isupper', 'count', 'find', 'rfind', 'index', 'rindex', '__len__', '__contains__',
]);

export function exitsAfterCall(expr: Expr): boolean {
  return expr.kind === 'call' || (expr.kind === 'await' && expr.value.kind === 'call');
}

function compactText(text: string): string {
  const compacted = text.replace(/\s+/g, '');
  return compacted.length > 60 ? `${compacted.slice(0, 57)}...` : compacted;
}

export function evaluateCall(interp: Interpreter, frame: Frame, env: Env, expr: Extract<Expr, { kind: 'call' }>): Value {
  const calleeExpr = expr.callee;
  let receiver: Value | undefined;
  let method: string | undefined;
  let callee: Value;
  if (calleeExpr.kind === 'attribute') {
    receiver = interp.evaluate(frame, env, calleeExpr.object);
    method = calleeExpr.attribute;
    callee = attributeOf(interp, frame, receiver, method, calleeExpr.span);
  } else {
    callee = interp.evaluate(frame, env, calleeExpr);
  }
  const args: EvaluatedArgument[] = expr.args.map((arg) => ({ name: arg.name, spread: arg.spread, value: interp.evaluate(frame, env, arg.value), span: arg.value.span }));
  const site: CallSite = {
    span: expr.span,
    label: compactText(interp.textOf(frame, calleeExpr.span)),
    receiverExpr: calleeExpr.kind === 'attribute' ? calleeExpr.object : undefined,
  };
  frame.exits = false;
  // A call a pattern rule flagged: clean when every argument is.
  if (frame.module.isMain && interp.session.watched.has(expr.span.start)) interp.session.verdict(expr.span, args.every((arg) => isClean(arg.value)));
  return callValue(interp, frame, env, callee, { receiver, method, args, site });
}

/** `receiver.name()` with no arguments: a method step of a summary's parameter path. */
export function callMethodByName(interp: Interpreter, frame: Frame, receiver: Value, name: string, span: Expr['span']): Value {
  const callee = attributeOf(interp, frame, receiver, name, span);
  return callValue(interp, frame, new Map(), callee, { receiver, method: name, args: [], site: { span, label: name } });
}

/** A call as evaluated: `receiver.method(args)` for a method call, just the arguments otherwise. */
export interface CallParts {
  readonly receiver?: Value;
  readonly method?: string;
  readonly args: readonly EvaluatedArgument[];
  readonly site: CallSite;
}

export function callValue(interp: Interpreter, frame: Frame, env: Env, callee: Value, call: CallParts): Value {
  const { receiver, method, args, site } = call;
  const { index } = interp.session;
  const active = frame.module.active;
  const libraryRefs = (callee.refs ?? []).filter((ref) => ref.file === undefined);
  const receiverText = site.receiverExpr ? compactText(interp.textOf(frame, site.receiverExpr.span)) : '';

  const sinks = new Set<SinkModel>();
  for (const ref of libraryRefs) for (const sink of index.sinks.forPath(ref.path, active)) if (!sink.store) sinks.add(sink);
  if (method) {
    for (const sink of index.sinks.forMethod(method, active)) if (!sink.store && (!sink.receiver || sink.receiver.test(receiverText))) sinks.add(sink);
    if (receiver && storeMethods.has(method)) {
      for (const ref of receiver.refs ?? []) for (const sink of index.sinks.forPath(ref.path, active)) if (sink.store) sinks.add(sink);
    }
  }
  for (const sink of sinks) checkCallSink(interp, frame, sink, receiver, args, site);
  if (isBarrier(interp, frame, libraryRefs, method, receiverText)) return compact({ refs: libraryRefs.map((ref) => ({ path: `${ref.path}()` })), opaque: true });

  const results: Value[] = [];
  for (const callable of callee.callables ?? []) {
    if (callable.kind === 'class') {
      results.push(instantiate(interp, frame, callable.cls, args, site));
      continue;
    }
    const outcome = callFunction(interp, frame, callable, args, site);
    results.push(outcome.value);
    if (outcome.self) writeBackReceiver(interp, frame, env, site, outcome.self);
  }
  for (const ref of libraryRefs) results.push(callLibrary(interp, frame, env, ref, call));
  if (results.length === 0) {
    // A method of a parameter inside a summary: which method it is matters only at the call site.
    const symbolic = callee.params?.filter((flow) => !flow.derived) ?? [];
    if (symbolic.length > 0) results.push({ params: symbolic.map((flow) => ({ ...flow, path: [...flow.path, '()'] })) });
    const rest = receiver && symbolic.length > 0 ? compact({ ...receiver, params: receiver.params?.filter((flow) => flow.derived) }) : receiver;
    if (method && rest) results.push(callMethod(interp, frame, env, rest, method, args, site));
    else if (symbolic.length === 0) results.push(callUnknown(callee, args));
  }
  if (method && receiver) {
    const taint = methodSourceTaint(interp, frame, method, receiverText, site.span);
    if (taint) results.push({ taints: [taint], opaque: true });
  }
  let result = results.reduce((a, b) => join(a, b));
  // What a sink was given ends there: a cursor does not carry its query, nor a response its body.
  if (sinks.size > 0) result = compact({ refs: result.refs, callables: result.callables, instances: result.instances, opaque: true });
  return result;
}

/** A database lookup and the like: what comes back is the database's data, not the arguments'. */
function isBarrier(interp: Interpreter, frame: Frame, refs: readonly Ref[], method: string | undefined, receiverText: string): boolean {
  const { index } = interp.session;
  const active = frame.module.active;
  if (refs.some((ref) => index.barriers.forPath(ref.path, active).length > 0)) return true;
  return !!method && index.barriers.forMethod(method, active).some((barrier) => !barrier.receiver || barrier.receiver.test(receiverText));
}

function writeBackReceiver(interp: Interpreter, frame: Frame, env: Env, site: CallSite, self: Value): void {
  const receiver = site.receiverExpr;
  if (!receiver) return;
  // `super().__init__(...)` changes `self`.
  if (receiver.kind === 'call' && receiver.callee.kind === 'name' && receiver.callee.name === 'super' && frame.selfName) {
    interp.bindName(frame, env, frame.selfName, compact({ ...env.get(frame.selfName), fields: self.fields }));
    return;
  }
  interp.storeInto(frame, env, receiver, self);
}

function argumentData(args: readonly EvaluatedArgument[]): Value {
  let data: Value = {};
  for (const arg of args) data = join(data, dataOf(arg.value));
  return data;
}

function constantKeywords(args: readonly EvaluatedArgument[]): Map<string, constants.Constant> | undefined {
  let keywords: Map<string, constants.Constant> | undefined;
  args.forEach((arg, position) => {
    const key = arg.name ?? (!arg.spread ? `#${position}` : undefined);
    if (key && arg.value.constant) (keywords ??= new Map()).set(key, arg.value.constant);
  });
  return keywords;
}

function applySanitizers(sanitizers: readonly SanitizerModel[], data: Value, args: readonly EvaluatedArgument[], bitsFor: (kinds: SanitizerModel['safeFor']) => number): Value | undefined {
  const first = args[0]?.value.constant;
  const applicable = sanitizers.filter((sanitizer) => !sanitizer.firstArgument || (first?.type === 'str' && sanitizer.firstArgument.includes(first.value)));
  if (applicable.length === 0) return undefined;
  if (applicable.some((sanitizer) => sanitizer.converts)) return withoutInput(data);
  let bits = 0;
  for (const sanitizer of applicable) bits |= bitsFor(sanitizer.safeFor);
  return withSafe(data, bits);
}

/** A call to a library name: built-ins first, then what the models say, else the data goes through. */
function callLibrary(interp: Interpreter, frame: Frame, env: Env, ref: Ref, call: CallParts): Value {
  const { receiver, method, args, site } = call;
  const { index } = interp.session;
  const active = frame.module.active;
  const path = ref.path;
  if (index.exits.forPath(path, active).length > 0) frame.exits = true;
  if (!path.includes('.')) {
    const builtin = builtinCall(interp, frame, env, path, args, site);
    if (builtin) return builtin;
  }
  const taint = sourceTaint(interp, frame, path, site.span, true);
  // `store.get(key)` hands on what the store holds, not the key.
  const argumentsCarried = !method || !carryingMethods.has(method) || argumentCarryingMethods.has(method);
  const carried = method && receiver ? join(argumentsCarried ? argumentData(method === 'replace' ? replacementOf(args) : args) : {}, dataOf(receiver)) : argumentData(args);
  const sanitizers = method ? [...index.sanitizers.forPath(path, active), ...index.sanitizers.forMethod(method, active)] : index.sanitizers.forPath(path, active);
  const sanitized = applySanitizers(sanitizers, carried, args, (kinds) => index.bitsFor(kinds));
  const resultRef: Ref = { path: `${path}()`, keywords: constantKeywords(args) };
  if (sanitized) return compact({ ...sanitized, refs: [resultRef] });
  const propagators = index.propagators.forPath(path, active);
  const first = args.find((arg) => !arg.name && !arg.spread);
  if (first && propagators.some((propagator) => propagator.returnsArgument)) return first.value;
  const strong = propagators.length > 0 || (!!method && carryingMethods.has(method));
  if (method && countingMethods.has(method)) return compact({ ...withoutInput(carried), refs: [resultRef] });
  const data = strong ? (propagators.some((propagator) => propagator.decodes) ? withoutSafe(carried) : carried) : afterUnknownCall(carried);
  const shape = method && textMethods.has(method) ? 'str' : undefined;
  return compact({ ...data, taints: taint ? [taint, ...(data.taints ?? [])] : data.taints, refs: [resultRef], opaque: strong ? data.opaque : true, shape });
}

function callUnknown(callee: Value, args: readonly EvaluatedArgument[]): Value {
  const data = afterUnknownCall(join(argumentData(args), compact({ taints: callee.taints })));
  const params = callee.params?.map((flow) => (flow.derived ? flow : { ...flow, path: [...flow.path, '()'] }));
  return compact({ ...data, params: params ? [...params, ...(data.params ?? [])] : data.params, opaque: true });
}

// --- Methods of followed values ----------------------------------------------------------------

function positional(args: readonly EvaluatedArgument[]): Value[] {
  return args.filter((arg) => !arg.name && !arg.spread).map((arg) => arg.value);
}

function callMethod(interp: Interpreter, frame: Frame, env: Env, receiver: Value, method: string, args: readonly EvaluatedArgument[], site: CallSite): Value {
  const values = positional(args);
  const { index } = interp.session;
  // Text methods on constants fold.
  if (receiver.constant && constants.isStringLike(receiver.constant)) {
    if (method === 'join' && values[0]) {
      const parts = values[0].items;
      if (parts && !values[0].rest && parts.every((part) => part.constant)) return constantValue(constants.joinConstants(receiver.constant, parts.map((part) => part.constant!)));
      return compact({ ...dataOf(anyElement(values[0])), shape: 'str' });
    }
    if (values.every((value) => value.constant) && values.length === args.length) {
      const folded = constants.stringMethod(receiver.constant, method, values.map((value) => value.constant!));
      if (Array.isArray(folded)) return { shape: 'list', items: folded.map((part) => constantValue(part)) };
      if (folded) return constantValue(folded);
    }
    if (method === 'format') {
      const template = receiver.constant.value;
      const keywords = new Map(args.flatMap((arg) => (arg.name ? [[arg.name, arg.value] as const] : [])));
      const spread = argumentData(args.filter((arg) => arg.spread));
      const written = braceData(template, values, keywords, spread, index.bitsFor(urlTargetKinds));
      const prefix = template.split('{')[0];
      // Unless the template starts with a field, every value sits after text of its own.
      const data = prefix === '' && /^\{[^{}]*\}/.test(template) ? written : inside(written);
      return compact({ ...data, shape: 'str', prefix: prefix || undefined, query: hasQueryMark(template) || undefined });
    }
  }
  const container = containerMethod(interp, frame, env, receiver, method, values, site);
  if (container) return container;
  const sanitized = applySanitizers(index.sanitizers.forMethod(method, frame.module.active), dataOf(receiver), args, (kinds) => index.bitsFor(kinds));
  if (sanitized) return sanitized;
  if (countingMethods.has(method)) return withoutInput(join(dataOf(receiver), argumentData(args)));
  if (carryingMethods.has(method)) {
    const data = method === 'split' || method === 'rsplit' || method === 'splitlines' ? { shape: 'list' as const, rest: dataOf(receiver) } : dataOf(receiver);
    const extra = argumentCarryingMethods.has(method) ? argumentData(method === 'replace' ? replacementOf(args) : args) : {};
    return compact({ ...join(data, extra), shape: data.shape ?? (textMethods.has(method) ? 'str' : receiver.shape) });
  }
  const carried = join(dataOf(receiver), argumentData(args));
  return compact({ ...afterUnknownCall(carried), opaque: true });
}

/** `text.replace(old, new)`: only the new text goes into the result; the old one is taken out. */
function replacementOf(args: readonly EvaluatedArgument[]): EvaluatedArgument[] {
  const positional = args.filter((arg) => !arg.name && !arg.spread);
  return positional.length === args.length ? positional.slice(1, 2) : [...args];
}

/** List, dict and set methods on a value whose contents the analysis follows; undefined otherwise. */
function containerMethod(interp: Interpreter, frame: Frame, env: Env, receiver: Value, method: string, args: Value[], site: CallSite): Value | undefined {
  const isList = receiver.shape === 'list' || (receiver.items !== undefined && receiver.shape !== 'tuple');
  const isDict = receiver.shape === 'dict';
  const isSet = receiver.shape === 'set';
  if (!isList && !isDict && !isSet) return undefined;
  const store = (updated: Value) => {
    if (site.receiverExpr) interp.storeInto(frame, env, site.receiverExpr, updated);
  };
  const none = constantValue(constants.none);
  const into = site.receiverExpr ? `stored in \`${compactText(interp.textOf(frame, site.receiverExpr.span))}\`` : undefined;
  const [first, second] = into && addingMethods.has(method) ? args.map((arg) => interp.stepped(frame, arg, site.span, into)) : args;
  if (isList) {
    const items = receiver.items && !receiver.rest ? receiver.items : undefined;
    switch (method) {
      case 'append':
        store(items ? compact({ ...receiver, constant: undefined, items: [...items, first ?? unknownValue] }) : compact({ ...receiver, items: undefined, rest: join(anyElement(receiver), first ?? unknownValue) }));
        return none;
      case 'extend': {
        const added = first ?? unknownValue;
        if (items && added.items && !added.rest) store(compact({ ...receiver, items: [...items, ...added.items] }));
        else store(compact({ ...receiver, items: undefined, rest: join(anyElement(receiver), elementOf(added)) }));
        return none;
      }
      case 'insert': {
        const at = first?.constant?.type === 'int' ? Number(first.constant.value) : undefined;
        const value = second ?? unknownValue;
        if (items && at !== undefined) {
          const copy = [...items];
          const position = at < 0 ? Math.max(0, copy.length + at) : Math.min(at, copy.length);
          copy.splice(position, 0, value);
          store(compact({ ...receiver, items: copy }));
        } else {
          store(compact({ ...receiver, items: undefined, rest: join(anyElement(receiver), value) }));
        }
        return none;
      }
      case 'pop': {
        if (items && items.length > 0) {
          const at = first === undefined ? items.length - 1 : first.constant?.type === 'int' ? Number(first.constant.value) : undefined;
          if (at !== undefined) {
            const position = at < 0 ? items.length + at : at;
            if (position >= 0 && position < items.length) {
              store(compact({ ...receiver, items: items.filter((_, index) => index !== position) }));
              return items[position];
            }
          }
        }
        if (receiver.items) store(compact({ ...receiver, items: undefined, rest: anyElement(receiver) }));
        return anyElement(receiver);
      }
      case 'remove':
      case 'sort':
        if (receiver.items) store(compact({ ...receiver, items: undefined, rest: anyElement(receiver) }));
        return none;
      case 'reverse':
        if (items) store(compact({ ...receiver, items: [...items].reverse() }));
        return none;
      case 'clear':
        store({ shape: 'list', items: [] });
        return none;
      case 'copy':
        return compact({ ...receiver });
      case 'index':
      case 'count':
        return {};
      default:
        return undefined;
    }
  }
  if (isDict) {
    const key = first?.constant && constantKey(first.constant);
    const lookup = () => (key && receiver.fields?.has(key) ? receiver.fields.get(key)! : key && receiver.fields && !receiver.rest && !receiver.taints ? undefined : anyElement(receiver));
    switch (method) {
      case 'get': {
        const found = lookup();
        const fallback = second ?? none;
        return found ? (key && receiver.fields?.has(key) ? found : join(found, fallback)) : fallback;
      }
      case 'pop': {
        const found = lookup();
        if (key && receiver.fields?.has(key)) {
          const fields = new Map(receiver.fields);
          fields.delete(key);
          store(compact({ ...receiver, fields }));
        }
        return found ? join(found, second ?? {}) : second ?? unknownValue;
      }
      case 'setdefault': {
        const found = lookup();
        if (!found && key) store(withField(receiver, key, second ?? none));
        return found ?? second ?? none;
      }
      case 'update': {
        let updated = receiver;
        const other = first;
        if (other) {
          for (const [field, value] of other.fields ?? []) if (!field.startsWith('.')) updated = withField(updated, field, value);
          if (other.rest || other.taints || other.params || other.opaque) updated = compact({ ...updated, rest: join(updated.rest ?? {}, anyElement(other)) });
        }
        store(updated);
        return none;
      }
      case 'keys':
        return { shape: 'list', rest: elementOf(receiver) };
      case 'values':
        return { shape: 'list', rest: anyElement(receiver) };
      case 'items':
        return { shape: 'list', rest: { shape: 'tuple', items: [elementOf(receiver), anyElement(receiver)] } };
      case 'copy':
        return compact({ ...receiver });
      case 'clear':
        store({ shape: 'dict', fields: new Map() });
        return none;
      default:
        return undefined;
    }
  }
  switch (method) {
    case 'add':
      store(compact({ ...receiver, items: undefined, rest: join(anyElement(receiver), first ?? unknownValue) }));
      return none;
    case 'update':
      store(compact({ ...receiver, items: undefined, rest: join(anyElement(receiver), elementOf(first ?? unknownValue)) }));
      return none;
    case 'copy':
      return compact({ ...receiver });
    default:
      return undefined;
  }
}

// --- Built-ins -----------------------------------------------------------------------------------

const numericBuiltins = new Set([
  'len', 'bool', 'int', 'float', 'complex', 'abs', 'round', 'hash', 'id', 'ord', 'chr', 'isinstance', 'issubclass', 'callable',
  'hasattr', 'divmod', 'bin', 'hex', 'oct', 'type', 'any', 'all', 'sum',
]);

function builtinCall(interp: Interpreter, frame: Frame, env: Env, name: string, args: readonly EvaluatedArgument[], site: CallSite): Value | undefined {
  if (frame.module.env.has(name)) return undefined; // shadowed at module level (resolved elsewhere)
  const values = positional(args);
  const [first, second] = values;
  const allConstant = values.length === args.length && values.every((value) => value.constant);
  if (allConstant) {
    const folded = constants.builtin(name, values.map((value) => value.constant!));
    if (folded) return constantValue(folded);
  }
  if (numericBuiltins.has(name)) {
    // A number or a bool: no text of the arguments survives (predictability does).
    return withoutInput(argumentData(args));
  }
  switch (name) {
    case 'str':
      return first ? compact({ ...dataOf(first), shape: 'str', prefix: first.prefix }) : constantValue(constants.str(''));
    case 'format':
      return first ? compact({ ...dataOf(first), shape: 'str' }) : unknownValue;
    case 'list':
    case 'tuple':
      if (!first) return { shape: name, items: [] };
      if (first.items && !first.rest) return compact({ shape: name, items: first.items });
      return compact({ shape: name, rest: elementOf(first) });
    case 'set':
    case 'frozenset':
    case 'sorted':
    case 'reversed':
    case 'iter':
      return first ? compact({ shape: name === 'sorted' || name === 'reversed' ? 'list' : name === 'iter' ? first.shape : 'set', rest: elementOf(first) }) : { shape: 'list', items: [] };
    case 'next':
      return first ? join(elementOf(first), second ?? {}) : unknownValue;
    case 'dict': {
      let result: Value = first ? compact({ ...first, shape: 'dict', refs: undefined }) : { shape: 'dict', fields: new Map() };
      for (const arg of args) if (arg.name) result = withField(result, `'${arg.name}`, arg.value);
      return result;
    }
    case 'enumerate':
      return first ? { shape: 'list', rest: { shape: 'tuple', items: [{}, elementOf(first)] } } : unknownValue;
    case 'zip':
      return { shape: 'list', rest: { shape: 'tuple', items: values.map((value) => elementOf(value)) } };
    case 'map': {
      if (!first || !second) return unknownValue;
      const element = elementOf(second);
      const mapped = callValue(interp, frame, env, first, { args: [{ value: element, span: site.span }], site });
      return { shape: 'list', rest: mapped };
    }
    case 'filter':
      return second ? { shape: 'list', rest: elementOf(second) } : unknownValue;
    case 'min':
    case 'max':
      return values.length === 1 && first ? elementOf(first) : values.reduce((a, b) => join(a, b), {} as Value);
    case 'range':
      return { shape: 'list', rest: {} };
    case 'print':
      return constantValue(constants.none);
    case 'getattr': {
      const attribute = second?.constant?.type === 'str' ? second.constant.value : undefined;
      if (!first) return unknownValue;
      const found = attribute ? attributeOf(interp, frame, first, attribute, site.span) : withWeak(compact({ ...dataOf(first), opaque: true }));
      return values[2] ? join(found, values[2]) : found;
    }
    case 'open':
    case 'eval':
    case 'exec':
    case 'compile':
    case '__import__':
      return refValue(`${name}()`);
    case 'super':
      return superValue(frame);
    case 'staticmethod':
    case 'classmethod':
    case 'property':
      return first ?? unknownValue;
    default:
      return undefined;
  }
}

/** `super()` inside a method: `self`, seen through the base classes. */
function superValue(frame: Frame): Value {
  const self = frame.selfName ? frame.env.get(frame.selfName) : undefined;
  if (!self) return unknownValue;
  const bases = (self.instances ?? []).flatMap((cls) => cls.bases.flatMap((base) => (base.callables ?? []).flatMap((callable) => (callable.kind === 'class' ? [callable.cls] : []))));
  const libraryRefs = (self.instances ?? []).flatMap((cls) => cls.bases.flatMap((base) => (base.refs ?? []).map((ref) => ({ path: `${ref.path}()` }))));
  return compact({ ...self, instances: bases.length > 0 ? bases : undefined, refs: [...(self.refs ?? []), ...libraryRefs] });
}
