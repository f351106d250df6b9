// What the analysis knows about a value: an exact constant, the untrusted data it carries (and
// for which sinks that data was made safe), the parameters it depends on inside a function
// summary, the library objects it may be, and, for containers and objects, what sits at each
// constant key. Values are immutable; a join returns one of its inputs when it adds nothing, so
// loops reach their fixed point by identity.
import * as constants from './constant';
import { constantsEqual, type Constant } from './constant';
import type { ClassDef, FunctionDef } from './ir';
import type { TraceNode, TraceStep } from './trace';

export type SourceFamily = 'input' | 'random';

/** Where untrusted data enters: one per source expression. */
export interface Origin {
  readonly id: number;
  readonly family: SourceFamily;
  /** What the data is, for messages: "request.args", "sys.argv". */
  readonly label: string;
  /** From the network (a web request), rather than the local user (argv, input()). */
  readonly remote: boolean;
}

export interface Taint {
  readonly origin: Origin;
  /** Bits of the sink kinds this data was made safe for (sanitisers, checks). */
  readonly safe: number;
  readonly trace: TraceNode;
  /** It went through a call whose effect on the data is not known. */
  readonly weak: boolean;
  /** It sits after other text in a string, never at its start (it cannot choose a URL's host). */
  readonly inside?: boolean;
}

/**
 * Inside a function summary: the value depends on parameter `param`. With `derived` false it is
 * the parameter itself after `path` (attribute reads `.x`, subscripts `[k]`, method calls
 * `.m()`); once combined with other data (`derived`), only the parameter's data counts.
 */
export interface ParamFlow {
  readonly param: number;
  readonly path: readonly string[];
  readonly derived: boolean;
  readonly safe: number;
  /** From the parameter to here, oldest first. */
  readonly steps: readonly TraceStep[];
  readonly weak: boolean;
  /** It went through a decoder: what made the caller's data safe no longer holds (only `safe` does). */
  readonly decoded?: boolean;
}

/** A library object by its qualified name (`flask.request`, `sqlite3.connect().cursor()`). */
export interface Ref {
  readonly path: string;
  /** Constant keyword arguments of the call that made it (`XMLParser(resolve_entities=False)`). */
  readonly keywords?: ReadonlyMap<string, Constant>;
  /** Set when `path` names something in a project file: the file, and `path` is inside it. */
  readonly file?: string;
}

/** A function of the analysed code: a module function, a method, a local function or a lambda. */
export interface FunctionCallable {
  readonly kind: 'function';
  readonly fn: FunctionDef;
  /** Opaque handle of the module it belongs to (the interpreter's ModuleState). */
  readonly module: unknown;
  /** The frame a nested function was defined in, for its free variables. */
  readonly closure?: unknown;
  /** For a bound method: the receiver. */
  readonly self?: Value;
  /** The class a method was found on. */
  readonly owner?: ClassInfo;
}

export interface ClassInfo {
  readonly def: ClassDef;
  readonly module: unknown;
  /** The class's own methods by name. */
  readonly methods: ReadonlyMap<string, FunctionDef>;
  /** Base classes as values: project classes or library refs. */
  readonly bases: readonly Value[];
  /** Names assigned in the class body, as values. */
  readonly attributes: ReadonlyMap<string, Value>;
  /** The frame a class defined inside a function was defined in (its methods' free variables). */
  readonly closure?: unknown;
}

export type Callable = FunctionCallable | { readonly kind: 'class'; readonly cls: ClassInfo };

export type Shape = 'list' | 'tuple' | 'set' | 'dict' | 'object' | 'str';

export interface Value {
  readonly constant?: Constant;
  readonly taints?: readonly Taint[];
  readonly params?: readonly ParamFlow[];
  readonly refs?: readonly Ref[];
  /** Depends on something the analysis cannot see (an unknown call, a library attribute). */
  readonly opaque?: boolean;
  readonly shape?: Shape;
  /** Exact contents of a list or tuple, in order; with `rest` too, the first items, followed by any number of others. */
  readonly items?: readonly Value[];
  /** Contents at constant keys: `'name` for dict keys and `.name` for attributes (see fieldKey). */
  readonly fields?: ReadonlyMap<string, Value>;
  /** Contents at keys or positions not known. */
  readonly rest?: Value;
  readonly callables?: readonly Callable[];
  /** Instances of project classes. */
  readonly instances?: readonly ClassInfo[];
  /** Known constant start of a string value. */
  readonly prefix?: string;
  /** A constant `?` or `#` occurs in the text (see formatting.ts). */
  readonly query?: boolean;
}

/** At most this many distinct taints, params and refs are kept per value. */
const maxEntries = 8;
/** Fields kept per container; past it new keys go to `rest`. */
const maxFields = 64;

export const unknownValue: Value = { opaque: true };
export const emptyValue: Value = {};

export function constantValue(constant: Constant | undefined): Value {
  if (!constant) return unknownValue;
  return constant.type === 'str' ? { constant, shape: 'str', prefix: constant.value.length <= 200 ? constant.value : constant.value.slice(0, 200) } : { constant };
}

export function refValue(path: string, extra: Partial<Ref> = {}): Value {
  return { refs: [{ path, ...extra }], opaque: true };
}

export function attributeKey(name: string): string {
  return `.${name}`;
}

/** The field key of a constant dict key or index: strings as `'text`, others by their type. */
export function constantKey(constant: Constant): string | undefined {
  switch (constant.type) {
    case 'str':
      return `'${constant.value}`;
    case 'int':
      return `#${constant.value}`;
    case 'bool':
      return `#${constant.value ? 1 : 0}`;
    case 'bytes':
      return `b${constant.value}`;
    case 'none':
      return 'None';
    default:
      return undefined;
  }
}

// --- Joins --------------------------------------------------------------------------------------

function sameTaint(a: Taint, b: Taint): boolean {
  return a.origin === b.origin && a.safe === b.safe && a.weak === b.weak && !a.inside === !b.inside;
}

export function samePath(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function sameParam(a: ParamFlow, b: ParamFlow): boolean {
  return a.param === b.param && a.derived === b.derived && a.safe === b.safe && a.weak === b.weak && !!a.decoded === !!b.decoded && samePath(a.path, b.path);
}

function sameRef(a: Ref, b: Ref): boolean {
  return a.path === b.path && a.file === b.file;
}

function sameCallable(a: Callable, b: Callable): boolean {
  if (a.kind === 'class' || b.kind === 'class') return a.kind === b.kind && (a as { cls: ClassInfo }).cls === (b as { cls: ClassInfo }).cls;
  return a.fn === b.fn && a.self === b.self && a.closure === b.closure;
}

/** Union of two lists; returns `a` itself when `b` adds nothing. */
function unionOf<T>(a: readonly T[] | undefined, b: readonly T[] | undefined, same: (x: T, y: T) => boolean): readonly T[] | undefined {
  if (!b || b.length === 0) return a;
  if (!a || a.length === 0) return b;
  let merged: T[] | undefined;
  for (const item of b) {
    if (a.some((existing) => same(existing, item)) || merged?.some((existing) => same(existing, item))) continue;
    if ((merged?.length ?? a.length) >= maxEntries) break;
    merged ??= [...a];
    merged.push(item);
  }
  return merged ?? a;
}

function commonPrefix(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length > 0 ? a.slice(0, length) : undefined;
}

function joinFields(a: ReadonlyMap<string, Value> | undefined, b: ReadonlyMap<string, Value> | undefined): ReadonlyMap<string, Value> | undefined {
  if (!b || b.size === 0 || a === b) return a;
  if (!a || a.size === 0) return b;
  let merged: Map<string, Value> | undefined;
  for (const [key, value] of b) {
    const existing = a.get(key);
    const joined = existing ? join(existing, value) : value;
    if (joined === existing) continue;
    merged ??= new Map(a);
    merged.set(key, joined);
  }
  return merged ?? a;
}

function joinItems(a: Value, b: Value): { items?: readonly Value[]; rest?: Value } {
  if (a.items === b.items) return { items: a.items, rest: joinOptional(a.rest, b.rest) };
  if (a.items && b.items && a.items.length === b.items.length) {
    let changed = false;
    const items = a.items.map((item, index) => {
      const joined = join(item, b.items![index]);
      if (joined !== item) changed = true;
      return joined;
    });
    return { items: changed ? items : a.items, rest: joinOptional(a.rest, b.rest) };
  }
  // Lengths differ or one side is imprecise: keep every element, positions unknown.
  let rest = joinOptional(a.rest, b.rest);
  for (const item of [...(a.items ?? []), ...(b.items ?? [])]) rest = joinOptional(rest, item);
  return { items: undefined, rest };
}

function joinOptional(a: Value | undefined, b: Value | undefined): Value | undefined {
  if (!a) return b;
  if (!b) return a;
  return join(a, b);
}

/** What either value may be. */
export function join(a: Value, b: Value): Value {
  if (a === b) return a;
  if (isEmpty(b) && !a.constant) return a;
  const constant = a.constant && b.constant && constantsEqual(a.constant, b.constant) ? a.constant : undefined;
  const taints = unionOf(a.taints, b.taints, sameTaint);
  const params = unionOf(a.params, b.params, sameParam);
  const refs = unionOf(a.refs, b.refs, sameRef);
  const callables = unionOf(a.callables, b.callables, sameCallable);
  const instances = unionOf(a.instances, b.instances, (x, y) => x === y);
  const opaque = a.opaque || b.opaque || undefined;
  const shape = a.shape === b.shape ? a.shape : undefined;
  const fields = joinFields(a.fields, b.fields);
  const { items, rest } = joinItems(a, b);
  const prefix = a.prefix === b.prefix ? a.prefix : commonPrefix(a.prefix, b.prefix);
  const query = (a.query && b.query) || undefined;
  if (
    constant === a.constant &&
    taints === a.taints &&
    params === a.params &&
    refs === a.refs &&
    callables === a.callables &&
    instances === a.instances &&
    !!opaque === !!a.opaque &&
    shape === a.shape &&
    fields === a.fields &&
    items === a.items &&
    rest === a.rest &&
    prefix === a.prefix &&
    query === a.query
  ) {
    return a;
  }
  return compact({ constant, taints, params, refs, callables, instances, opaque, shape, fields, items, rest, prefix, query });
}

function isEmpty(value: Value): boolean {
  for (const key in value) if ((value as Record<string, unknown>)[key] !== undefined) return false;
  return true;
}

const valueKeys = ['constant', 'taints', 'params', 'refs', 'opaque', 'shape', 'items', 'fields', 'rest', 'callables', 'instances', 'prefix'] as const;

/**
 * Containers nested deeper than this keep their data but not their structure below it. Values
 * share parts, so a deep one can be exponentially larger walked as a tree than it is in memory,
 * and joins walk them as trees: lib2to3's node classes built values 54 levels deep, whose joins
 * took 26 s of one file's analysis.
 */
const maxDepth = 6;
const depths = new WeakMap<Value, number>();

/** Levels of containers in the value (0 for one without contents); values are immutable, so once each. */
function depthOf(value: Value): number {
  if (!value.items && !value.fields && !value.rest) return 0;
  const known = depths.get(value);
  if (known !== undefined) return known;
  let deepest = 0;
  for (const item of value.items ?? []) deepest = Math.max(deepest, depthOf(item));
  if (value.fields) for (const field of value.fields.values()) deepest = Math.max(deepest, depthOf(field));
  if (value.rest) deepest = Math.max(deepest, depthOf(value.rest));
  depths.set(value, deepest + 1);
  return deepest + 1;
}

/** The contents as they may be stored at this level: one too deep is flattened. */
function bounded(value: Value): Value {
  return depthOf(value) >= maxDepth ? flatten(value) : value;
}

/** Without copying the contents: compact() runs for nearly every value made. */
function anyTooDeep(contents: Iterable<Value>): boolean {
  for (const value of contents) if (depthOf(value) >= maxDepth) return true;
  return false;
}

/** Drops undefined properties, so that values stay small and `isEmpty` stays cheap; bounds the depth. */
export function compact(value: { -readonly [K in keyof Value]?: Value[K] }): Value {
  const out: { -readonly [K in keyof Value]?: Value[K] } = {};
  for (const key of valueKeys) {
    const entry = value[key];
    if (entry !== undefined) (out as Record<string, unknown>)[key] = entry;
  }
  if (out.items && anyTooDeep(out.items)) out.items = out.items.map(bounded);
  if (out.rest) out.rest = bounded(out.rest);
  if (out.fields && anyTooDeep(out.fields.values())) out.fields = new Map([...out.fields].map(([key, field]) => [key, bounded(field)]));
  return out as Value;
}

/**
 * An object of a project class as it is stored inside another container: its class, library
 * names and data, but not its fields. Python stores a reference; copying the fields instead would
 * make an object that keeps itself (`self.proxy = Proxy(self)`) grow with every store.
 */
export function storable(value: Value): Value {
  if (!value.instances || (!value.fields && !value.items && !value.rest)) return value;
  const data = flatten(value);
  return compact({ constant: value.constant, refs: value.refs, callables: value.callables, instances: value.instances, shape: value.shape, prefix: value.prefix, taints: data.taints, params: data.params, opaque: data.opaque });
}

// --- Reading ------------------------------------------------------------------------------------

/** The distinct entries `pick` finds in the value and in what it contains, `limit` levels down. */
function collectDeep<T>(value: Value, pick: (value: Value) => readonly T[] | undefined, same: (a: T, b: T) => boolean, limit: number): T[] {
  const found: T[] = [];
  const visit = (current: Value, depth: number) => {
    for (const entry of pick(current) ?? []) if (!found.some((seen) => same(seen, entry))) found.push(entry);
    if (depth >= limit) return;
    for (const item of current.items ?? []) visit(item, depth + 1);
    if (current.fields) for (const field of current.fields.values()) visit(field, depth + 1);
    if (current.rest) visit(current.rest, depth + 1);
  };
  visit(value, 0);
  return found;
}

/** Every taint in the value and in what it contains. */
export function deepTaints(value: Value, limit = 4): Taint[] {
  return collectDeep(value, (current) => current.taints, sameTaint, limit);
}

/** Every parameter flow in the value and in what it contains. */
export function deepParams(value: Value, limit = 4): ParamFlow[] {
  return collectDeep(value, (current) => current.params, sameParam, limit);
}

function deepOpaque(value: Value, depth = 0): boolean {
  if (value.opaque) return true;
  if (depth >= 4) return false;
  if (value.items?.some((item) => deepOpaque(item, depth + 1))) return true;
  if (value.fields) for (const field of value.fields.values()) if (deepOpaque(field, depth + 1)) return true;
  return !!value.rest && deepOpaque(value.rest, depth + 1);
}

/**
 * Provably free of untrusted data for a sink kind: every taint made safe for it, no parameter
 * behind it, nothing unseen. Pattern rules stay quiet on such values.
 */
export function isCleanFor(value: Value, kindBit: number, family: SourceFamily): boolean {
  if (deepParams(value).length > 0 || deepOpaque(value)) return false;
  return deepTaints(value).every((taint) => taint.origin.family !== family || (family === 'input' && (taint.safe & kindBit) !== 0));
}

/** Values are immutable, so what they flatten to is worked out once per value. */
const flattened = new WeakMap<Value, Value>();

/** All of the value's own data and its contents' as one flat value: for a string built from a container. */
export function flatten(value: Value): Value {
  if (!value.items && !value.fields && !value.rest) return value;
  const known = flattened.get(value);
  if (known) return known;
  let flat: Value = compact({ taints: value.taints, params: value.params, opaque: value.opaque });
  for (const item of value.items ?? []) flat = join(flat, flatten(item));
  if (value.fields) for (const field of value.fields.values()) flat = join(flat, flatten(field));
  if (value.rest) flat = join(flat, flatten(value.rest));
  flattened.set(value, flat);
  return flat;
}

/** Only the data-carrying part: taints, parameter flows and opacity (what `"x" + value` keeps of `value`). */
export function dataOf(value: Value): Value {
  const flat = flatten(value);
  const params = flat.params?.map((flow) => (flow.derived ? flow : { ...flow, derived: true }));
  return compact({ taints: flat.taints, params, opaque: flat.opaque || (flat.refs && !flat.taints ? true : undefined) });
}

export function hasData(value: Value): boolean {
  return !!(value.taints?.length || value.params?.length);
}

/** Marks every taint and parameter flow in `value` (top level) safe for `bits`. */
export function withSafe(value: Value, bits: number): Value {
  if (bits === 0 || (!value.taints && !value.params)) return value;
  return compact({
    ...value,
    taints: value.taints?.map((taint) => (taint.origin.family === 'input' ? { ...taint, safe: taint.safe | bits } : taint)),
    params: value.params?.map((flow) => ({ ...flow, safe: flow.safe | bits })),
  });
}

/** The value's data as it sits after other text in a string: it no longer starts the string. */
export function inside(value: Value): Value {
  if (!value.taints?.some((taint) => !taint.inside)) return value;
  return compact({ ...value, taints: value.taints.map((taint) => (taint.inside ? taint : { ...taint, inside: true })) });
}

/** Takes back what made the value's data safe (a decoding step undoes escaping). */
export function withoutSafe(value: Value): Value {
  if (!value.taints?.some((taint) => taint.safe) && !value.params?.some((flow) => flow.safe || !flow.decoded)) return value;
  return compact({
    ...value,
    taints: value.taints?.map((taint) => (taint.safe ? { ...taint, safe: 0 } : taint)),
    params: value.params?.map((flow) => (flow.safe || !flow.decoded ? { ...flow, safe: 0, decoded: true } : flow)),
  });
}

/** Drops input-family data entirely (conversions to numbers): random-family data stays predictable. */
export function withoutInput(value: Value): Value {
  const flat = flatten(value);
  const taints = flat.taints?.filter((taint) => taint.origin.family !== 'input');
  return compact({ taints: taints && taints.length > 0 ? taints : undefined });
}

export function withWeak(value: Value): Value {
  if (!value.taints?.some((taint) => !taint.weak) && !value.params?.some((flow) => !flow.weak)) return value;
  return compact({
    ...value,
    taints: value.taints?.map((taint) => (taint.weak ? taint : { ...taint, weak: true })),
    params: value.params?.map((flow) => (flow.weak ? flow : { ...flow, weak: true })),
  });
}

/**
 * Data after a call whose effect is not known: it may still hold the text (weak), but what was
 * already weak has now been through two such calls (a lookup, then a method of what it found)
 * and is taken to be something else.
 */
export function afterUnknownCall(value: Value): Value {
  if (!value.taints && !value.params) return value;
  const taints = value.taints?.filter((taint) => !taint.weak).map((taint) => ({ ...taint, weak: true }));
  const params = value.params?.filter((flow) => !flow.weak).map((flow) => ({ ...flow, weak: true }));
  return compact({ ...value, taints: taints?.length ? taints : undefined, params: params?.length ? params : undefined });
}

/** The value with its own (top-level) traces extended by one step. */
export function withStep(value: Value, step: TraceStep, extend: (trace: TraceNode, step: TraceStep) => TraceNode): Value {
  if (!value.taints && !value.params) return value;
  return compact({
    ...value,
    taints: value.taints?.map((taint) => ({ ...taint, trace: extend(taint.trace, step) })),
    params: value.params?.map((flow) => (flow.steps.length >= 40 ? flow : { ...flow, steps: [...flow.steps, step] })),
  });
}

/** The value at a field key, if the container knows it. */
export function fieldOf(value: Value, key: string): Value | undefined {
  return value.fields?.get(key);
}

/** A copy of the container with one field set (strong update), bounded in size and depth. */
export function withField(value: Value, key: string, field: Value): Value {
  const stored = storable(field);
  const fields = new Map(value.fields ?? []);
  if (!fields.has(key) && fields.size >= maxFields) return compact({ ...value, rest: value.rest ? join(value.rest, stored) : stored });
  fields.set(key, stored);
  return compact({ ...value, constant: undefined, fields });
}

/** Everything the container may hold at an unknown key or position. */
export function anyElement(value: Value): Value {
  let element: Value | undefined = value.rest;
  for (const item of value.items ?? []) element = element ? join(element, item) : item;
  if (value.fields) for (const [key, field] of value.fields) if (!key.startsWith('.')) element = element ? join(element, field) : field;
  const own = compact({ taints: value.taints, params: value.params?.map((flow) => ({ ...flow, derived: true })), opaque: value.opaque });
  return element ? join(element, own) : own;
}

/** What iterating over a value yields: a container's elements, a dict's keys, a text's characters. */
export function elementOf(value: Value): Value {
  if (value.shape === 'dict') {
    let keys: Value = compact({ taints: value.taints, params: value.params?.map((flow) => ({ ...flow, derived: true })), opaque: value.opaque });
    for (const key of value.fields?.keys() ?? []) if (key.startsWith("'")) keys = join(keys, constantValue(constants.str(key.slice(1))));
    if (value.rest) keys = join(keys, dataOf(value.rest));
    return keys;
  }
  if (value.constant && constants.isStringLike(value.constant)) {
    const chars = [...new Set(value.constant.value)].slice(0, 8);
    return chars.length === 1 ? constantValue(constants.str(chars[0])) : {};
  }
  return anyElement(value);
}

