// The abstract interpreter: runs the flow IR over values instead of data. Flow-sensitive (a later
// assignment replaces an earlier one), branches merge, loops run to a fixed point, and a branch
// whose condition folds to a constant is the only one that runs.
import * as constants from './constant';
import { copyEnv, type Env, type Frame } from './frames';
import { refine } from './guards';
import type { Expr, FormatPart, FunctionDef, Pattern, Span, Stmt, Target } from './ir';
import { evaluateCall, exitsAfterCall } from './calls';
import { expandProjectRefs, importValue, lookupGlobal } from './project';
import type { FlowSession } from './session';
import { checkStore, checkViewReturn } from './sinks';
import { classInfoFor } from './classes';
import { extendTrace, type TraceStep } from './trace';
import {
  anyElement,
  attributeKey,
  compact,
  constantKey,
  constantValue,
  dataOf,
  elementOf,
  inside,
  join,
  storable,
  unknownValue,
  withField,
  withoutInput,
  withStep,
  type Value,
} from './value';
import { attributeOf, subscriptOf } from './access';
import { hasQueryMark, opensQuery, percentData, urlTargetKinds, writtenData } from './formatting';

/** Loops are run at most this many times before their state is taken as final. */
const maxLoopIterations = 4;

export class Interpreter {
  constructor(readonly session: FlowSession) {}

  // --- Steps -------------------------------------------------------------------------------------

  step(frame: Frame, span: Span, label: string, kind: TraceStep['kind'] = 'step'): TraceStep {
    return frame.module.stepFile ? { span, label, kind, file: frame.module.stepFile } : { span, label, kind };
  }

  /** The value with a trace step added to its own data. */
  stepped(frame: Frame, value: Value, span: Span, label: string, kind: TraceStep['kind'] = 'step'): Value {
    if (!value.taints && !value.params) return value;
    return withStep(value, this.step(frame, span, label, kind), extendTrace);
  }

  textOf(frame: Frame, span: Span): string {
    return frame.module.text.slice(span.start, span.end);
  }

  // --- Statements --------------------------------------------------------------------------------

  /** Runs statements; undefined when no path falls through (return, raise, break, abort()). */
  block(frame: Frame, statements: readonly Stmt[], env: Env): Env | undefined {
    let current: Env | undefined = env;
    for (const statement of statements) {
      if (!current) return undefined;
      this.session.tick();
      frame.env = current;
      current = this.statement(frame, statement, current);
    }
    if (current) frame.env = current;
    return current;
  }

  private statement(frame: Frame, statement: Stmt, env: Env): Env | undefined {
    switch (statement.kind) {
      case 'assign': {
        const value = this.evaluate(frame, env, statement.value);
        for (const target of statement.targets) this.assign(frame, env, target, value, statement.span);
        return env;
      }
      case 'declare':
        return env;
      case 'augAssign': {
        const current = this.evaluateTarget(frame, env, statement.target);
        const value = this.binary(statement.operator, current, this.evaluate(frame, env, statement.value));
        this.assign(frame, env, statement.target, value, statement.span);
        return env;
      }
      case 'expression': {
        frame.exits = false;
        this.evaluate(frame, env, statement.value);
        return frame.exits && exitsAfterCall(statement.value) ? undefined : env;
      }
      case 'return': {
        let value = statement.value ? this.evaluate(frame, env, statement.value) : constantValue(constants.none);
        if (frame.view) value = checkViewReturn(this, frame, value, statement.span);
        frame.returned = frame.returned ? join(frame.returned, value) : value;
        this.recordExit(frame, env);
        return undefined;
      }
      case 'if':
        return this.ifStatement(frame, env, statement.test, statement.body, statement.orelse);
      case 'while':
        return this.whileLoop(frame, env, statement);
      case 'for':
        return this.forLoop(frame, env, statement);
      case 'with': {
        for (const item of statement.items) {
          const context = this.evaluate(frame, env, item.context);
          if (item.target) this.assign(frame, env, item.target, context, item.context.span);
        }
        return this.block(frame, statement.body, env);
      }
      case 'try':
        return this.tryStatement(frame, env, statement);
      case 'raise':
        if (statement.value) this.evaluate(frame, env, statement.value);
        return undefined;
      case 'break':
        frame.loops[frame.loops.length - 1]?.breaks.push(env);
        return undefined;
      case 'continue':
        frame.loops[frame.loops.length - 1]?.continues.push(env);
        return undefined;
      case 'function':
        for (const decorator of statement.fn.decorators) this.evaluate(frame, env, decorator);
        this.bindName(frame, env, statement.fn.name, this.functionValue(frame, statement.fn));
        return env;
      case 'class': {
        const info = classInfoFor(this, frame, env, statement.cls);
        this.bindName(frame, env, statement.cls.name, { callables: [{ kind: 'class', cls: info }] });
        return env;
      }
      case 'import':
        for (const binding of statement.bindings) this.bindName(frame, env, binding.local, importValue(this, frame.module, binding));
        return env;
      case 'scope':
        for (const name of statement.names) (statement.scope === 'global' ? frame.globals : frame.nonlocals).add(name);
        return env;
      case 'delete':
        for (const target of statement.targets) if (target.kind === 'name') env.delete(target.name);
        return env;
      case 'match':
        return this.matchStatement(frame, env, statement);
      case 'assert': {
        this.evaluate(frame, env, statement.test);
        return refine(this, frame, env, statement.test)[0];
      }
      case 'pass':
        return env;
      case 'unknown':
        for (const part of statement.parts) this.evaluate(frame, env, part);
        return env;
    }
  }

  /** Remembers `self` at a method's exits, for the fields its callers see. */
  recordExit(frame: Frame, env: Env): void {
    if (frame.summary && frame.selfName && frame.summary.fn === frame.fn) {
      const self = env.get(frame.selfName);
      if (self) frame.summary.selfAtExit.push(self);
    }
  }

  functionValue(frame: Frame, fn: FunctionDef): Value {
    return { callables: [{ kind: 'function', fn, module: frame.module, closure: frame.kind === 'module' ? undefined : frame }] };
  }

  private ifStatement(frame: Frame, env: Env, test: Expr, body: readonly Stmt[], orelse: readonly Stmt[]): Env | undefined {
    const condition = this.evaluate(frame, env, test);
    if (condition.constant) return this.block(frame, constants.truthy(condition.constant) ? body : orelse, env);
    const [whenTrue, whenFalse] = refine(this, frame, env, test);
    const afterBody = this.block(frame, body, whenTrue);
    const afterElse = this.block(frame, orelse, whenFalse);
    return joinEnvs(afterBody, afterElse);
  }

  private whileLoop(frame: Frame, env: Env, statement: Extract<Stmt, { kind: 'while' }>): Env | undefined {
    const loop = { breaks: [] as Env[], continues: [] as Env[] };
    frame.loops.push(loop);
    let head = env;
    let alwaysTrue = false;
    try {
      for (let iteration = 0; iteration < maxLoopIterations; iteration++) {
        const probe = copyEnv(head);
        const condition = this.evaluate(frame, probe, statement.test);
        if (condition.constant && !constants.truthy(condition.constant)) break;
        alwaysTrue = !!condition.constant;
        const [whenTrue] = refine(this, frame, probe, statement.test);
        loop.continues.length = 0;
        const end = this.block(frame, statement.body, whenTrue);
        const next = joinEnvs(head, joinEnvs(end, ...loop.continues)) ?? head;
        if (sameEnv(next, head)) break;
        head = next;
      }
    } finally {
      frame.loops.pop();
    }
    const normalExit = alwaysTrue ? undefined : this.block(frame, statement.orelse, refine(this, frame, copyEnv(head), statement.test)[1]);
    return joinEnvs(normalExit, ...loop.breaks);
  }

  private forLoop(frame: Frame, env: Env, statement: Extract<Stmt, { kind: 'for' }>): Env | undefined {
    const iterable = this.evaluate(frame, env, statement.iter);
    if (iterable.items && iterable.items.length === 0 && !iterable.rest && !iterable.taints && !iterable.opaque) {
      return this.block(frame, statement.orelse, env); // a loop over an empty constant sequence
    }
    const element = this.stepped(frame, elementOf(iterable), statement.iter.span, `iterated over by \`${this.textOf(frame, statement.target.span)}\``);
    const loop = { breaks: [] as Env[], continues: [] as Env[] };
    frame.loops.push(loop);
    let head = env;
    try {
      for (let iteration = 0; iteration < maxLoopIterations; iteration++) {
        const body = copyEnv(head);
        this.assign(frame, body, statement.target, element, statement.target.span, true);
        loop.continues.length = 0;
        const end = this.block(frame, statement.body, body);
        const next = joinEnvs(head, joinEnvs(end, ...loop.continues)) ?? head;
        if (sameEnv(next, head)) break;
        head = next;
      }
    } finally {
      frame.loops.pop();
    }
    return joinEnvs(this.block(frame, statement.orelse, copyEnv(head)), ...loop.breaks);
  }

  private tryStatement(frame: Frame, env: Env, statement: Extract<Stmt, { kind: 'try' }>): Env | undefined {
    // A handler may start after any statement of the body: it sees what any of them left.
    const states: Env[] = [copyEnv(env)];
    let current: Env | undefined = env;
    for (const inner of statement.body) {
      if (!current) break;
      this.session.tick();
      frame.env = current;
      current = this.statement(frame, inner, current);
      if (current) states.push(copyEnv(current));
    }
    const handlerStart = joinEnvs(...states) ?? env;
    const ends: (Env | undefined)[] = [current && this.block(frame, statement.orelse, current)];
    for (const handler of statement.handlers) {
      const start = copyEnv(handlerStart);
      if (handler.type) this.evaluate(frame, start, handler.type);
      if (handler.name) start.set(handler.name.name, unknownValue);
      ends.push(this.block(frame, handler.body, start));
    }
    const after = joinEnvs(...ends);
    if (statement.finalBody.length === 0) return after;
    if (!after) {
      this.block(frame, statement.finalBody, copyEnv(handlerStart)); // runs on the way out of a return or raise
      return undefined;
    }
    return this.block(frame, statement.finalBody, after);
  }

  private matchStatement(frame: Frame, env: Env, statement: Extract<Stmt, { kind: 'match' }>): Env | undefined {
    const subject = this.evaluate(frame, env, statement.subject);
    const ends: (Env | undefined)[] = [];
    let matchedForSure = false;
    for (const match of statement.cases) {
      const outcome = patternMatches(match.pattern, subject);
      if (outcome === false) continue;
      const caseEnv = copyEnv(env);
      this.bindPattern(frame, caseEnv, match.pattern, subject);
      if (match.guard) {
        const guard = this.evaluate(frame, caseEnv, match.guard);
        if (guard.constant && !constants.truthy(guard.constant)) continue;
      }
      ends.push(this.block(frame, match.body, caseEnv));
      if (outcome === true && !match.guard) {
        matchedForSure = true;
        break;
      }
    }
    if (!matchedForSure) ends.push(env);
    return joinEnvs(...ends);
  }

  private bindPattern(frame: Frame, env: Env, pattern: Pattern, subject: Value): void {
    switch (pattern.kind) {
      case 'capture':
        this.bindName(frame, env, pattern.target.name, subject);
        break;
      case 'or':
        pattern.patterns.forEach((part) => this.bindPattern(frame, env, part, subject));
        break;
      case 'structure': {
        const part = anyElement(subject);
        for (const capture of pattern.captures) this.bindName(frame, env, capture.name, join(part, dataOf(subject)));
        break;
      }
      default:
        break;
    }
  }

  // --- Assignment --------------------------------------------------------------------------------

  /** Binds a name in the frame's scope (or the module's, for `global` names). */
  bindName(frame: Frame, env: Env, name: string, value: Value): void {
    if (frame.globals.has(name)) {
      frame.module.env.set(name, value);
      return;
    }
    if (frame.nonlocals.has(name)) {
      for (let outer = frame.parent; outer; outer = outer.parent) {
        if (outer.env.has(name)) {
          outer.env.set(name, value);
          return;
        }
      }
    }
    const previous = env.get(name);
    env.set(name, value);
    // Containers are shared by reference: another name for the same object sees the change.
    if (previous && (previous.shape === 'list' || previous.shape === 'dict' || previous.shape === 'object' || previous.shape === 'set')) {
      for (const [other, bound] of env) if (bound === previous && other !== name) env.set(other, value);
    }
  }

  assign(frame: Frame, env: Env, target: Target, value: Value, span: Span, quiet = false): void {
    switch (target.kind) {
      case 'name':
        this.bindName(frame, env, target.name, quiet ? value : this.stepped(frame, value, span, `assigned to \`${target.name}\``));
        break;
      case 'attribute': {
        const object = this.evaluate(frame, env, target.object);
        const stored = this.stepped(frame, value, span, `stored in \`${this.textOf(frame, target.span)}\``);
        this.storeInto(frame, env, target.object, withField(object, attributeKey(target.attribute), stored));
        break;
      }
      case 'subscript': {
        const object = this.evaluate(frame, env, target.object);
        const index = this.evaluate(frame, env, target.index);
        checkStore(this, frame, object, target.object, value, span);
        const stored = this.stepped(frame, value, span, `stored in \`${this.textOf(frame, target.span)}\``);
        const key = index.constant && constantKey(index.constant);
        const updated = key
          ? object.items && index.constant?.type === 'int'
            ? withItem(object, Number(index.constant.value), stored)
            : withField(object, key, stored)
          : compact({ ...object, constant: undefined, items: undefined, rest: join(object.rest ?? {}, join(stored, anyElement(object))) });
        this.storeInto(frame, env, target.object, updated);
        break;
      }
      case 'unpack': {
        const starred = target.items.findIndex((item) => item.kind === 'starred');
        if (value.items && !value.rest && starred < 0 && value.items.length === target.items.length) {
          target.items.forEach((item, index) => this.assign(frame, env, item, value.items![index], span, quiet));
          return;
        }
        const element = elementOf(value);
        for (const item of target.items) this.assign(frame, env, item, item.kind === 'starred' ? { shape: 'list', rest: element } : element, span, quiet);
        break;
      }
      case 'starred':
        this.assign(frame, env, target.target, { shape: 'list', rest: elementOf(value) }, span, quiet);
        break;
      case 'unknown':
        break;
    }
  }

  /** Writes an updated object back to the place it was read from: a name, attribute or item. */
  storeInto(frame: Frame, env: Env, place: Expr, value: Value): void {
    switch (place.kind) {
      case 'name':
        this.bindName(frame, env, place.name, value);
        break;
      case 'attribute': {
        const owner = this.evaluate(frame, env, place.object);
        this.storeInto(frame, env, place.object, withField(owner, attributeKey(place.attribute), value));
        break;
      }
      case 'subscript': {
        const owner = this.evaluate(frame, env, place.object);
        const index = this.evaluate(frame, env, place.index);
        const key = index.constant && constantKey(index.constant);
        if (key) this.storeInto(frame, env, place.object, withField(owner, key, value));
        break;
      }
      default:
        break;
    }
  }

  private evaluateTarget(frame: Frame, env: Env, target: Target): Value {
    switch (target.kind) {
      case 'name':
        return this.lookup(frame, env, target.name);
      case 'attribute':
        return attributeOf(this, frame, this.evaluate(frame, env, target.object), target.attribute, target.span);
      case 'subscript':
        return subscriptOf(this.evaluate(frame, env, target.object), this.evaluate(frame, env, target.index));
      default:
        return unknownValue;
    }
  }

  // --- Names -------------------------------------------------------------------------------------

  lookup(frame: Frame, env: Env, name: string): Value {
    if (frame.globals.has(name)) return lookupGlobal(this, frame.module, name);
    const local = env.get(name);
    if (local) return local.refs?.some((ref) => ref.file) ? expandProjectRefs(this, local) : local;
    // Free variables: the enclosing functions' latest values (class bodies are not enclosing scopes).
    for (let outer = frame.parent; outer; outer = outer.parent) {
      if (outer.kind === 'class') continue;
      if (outer.kind === 'module') break;
      const value = outer.env.get(name);
      if (value) return outer.summary === frame.summary ? value : withoutParams(value);
    }
    return lookupGlobal(this, frame.module, name);
  }

  // --- Expressions -------------------------------------------------------------------------------

  evaluate(frame: Frame, env: Env, expr: Expr): Value {
    const value = this.evaluateExpression(frame, env, expr);
    // A string a pattern rule flagged: clean when nothing in it is untrusted (calls judge their arguments).
    if (expr.kind !== 'call' && frame.module.isMain && this.session.watched.has(expr.span.start)) this.session.verdict(expr.span, isClean(value));
    return value;
  }

  private evaluateExpression(frame: Frame, env: Env, expr: Expr): Value {
    switch (expr.kind) {
      case 'name':
        return this.lookup(frame, env, expr.name);
      case 'constant':
        return constantValue(expr.value);
      case 'attribute':
        return attributeOf(this, frame, this.evaluate(frame, env, expr.object), expr.attribute, expr.span);
      case 'subscript': {
        const object = this.evaluate(frame, env, expr.object);
        if (expr.index.kind === 'slice') return this.slice(frame, env, object, expr.index);
        return subscriptOf(object, this.evaluate(frame, env, expr.index));
      }
      case 'slice':
        return unknownValue;
      case 'call':
        return evaluateCall(this, frame, env, expr);
      case 'binary':
        return this.binary(expr.operator, this.evaluate(frame, env, expr.left), this.evaluate(frame, env, expr.right));
      case 'unary': {
        const operand = this.evaluate(frame, env, expr.operand);
        if (operand.constant) return constantValue(constants.unary(expr.operator, operand.constant));
        // `not x` is a bool, `-x` a number: no text of x survives.
        return compact({ ...withoutInput(operand), opaque: operand.opaque && expr.operator !== 'not' ? true : undefined });
      }
      case 'logical': {
        const left = this.evaluate(frame, env, expr.left);
        if (left.constant) {
          const truthy = constants.truthy(left.constant);
          if ((expr.operator === 'and') !== truthy) return left;
          return this.evaluate(frame, env, expr.right);
        }
        const [whenTrue, whenFalse] = refine(this, frame, env, expr.left);
        const right = this.evaluate(frame, expr.operator === 'and' ? whenTrue : whenFalse, expr.right);
        return join(left, right);
      }
      case 'compare':
        return this.compare(frame, env, expr);
      case 'conditional': {
        const test = this.evaluate(frame, env, expr.test);
        if (test.constant) return this.evaluate(frame, env, constants.truthy(test.constant) ? expr.body : expr.orelse);
        const [whenTrue, whenFalse] = refine(this, frame, env, expr.test);
        return join(this.evaluate(frame, whenTrue, expr.body), this.evaluate(frame, whenFalse, expr.orelse));
      }
      case 'format':
        return this.format(frame, env, expr.parts);
      case 'sequence':
        return this.sequence(frame, env, expr.shape, expr.items);
      case 'dict':
        return this.dictionary(frame, env, expr);
      case 'comprehension':
        return this.comprehension(frame, env, expr);
      case 'lambda':
        return this.functionValue(frame, expr.fn);
      case 'await':
        return this.evaluate(frame, env, expr.value);
      case 'walrus': {
        const value = this.evaluate(frame, env, expr.value);
        this.bindName(frame, env, expr.target.name, this.stepped(frame, value, expr.span, `assigned to \`${expr.target.name}\``));
        return value;
      }
      case 'starred':
        return this.evaluate(frame, env, expr.value);
      case 'yield': {
        const value = expr.value ? this.evaluate(frame, env, expr.value) : constantValue(constants.none);
        frame.yielded = frame.yielded ? join(frame.yielded, value) : value;
        return unknownValue;
      }
      case 'unknown': {
        let data: Value = { opaque: true };
        for (const part of expr.parts) data = join(data, dataOf(this.evaluate(frame, env, part)));
        return data;
      }
    }
  }

  binary(operator: string, left: Value, right: Value): Value {
    if (left.constant && right.constant) {
      const folded = constants.binary(operator, left.constant, right.constant);
      if (folded) return constantValue(folded);
    }
    // `Path(base) / name` joins paths: the name's text is in the result.
    if (operator === '/' && left.refs && !left.constant) {
      return compact({ ...join(dataOf(left), dataOf(right)), refs: left.refs, opaque: left.opaque || right.opaque || undefined });
    }
    // Only numbers come out of these: whatever text went in is gone.
    if (operator === '-' || operator === '/' || operator === '//' || operator === '**' || operator === '<<' || operator === '>>') {
      return compact({ ...withoutInput(join(dataOf(left), dataOf(right))), opaque: left.opaque || right.opaque || undefined });
    }
    if (operator === '+' && left.items && !left.rest && (left.shape === 'list' || left.shape === 'tuple')) {
      // `[sys.executable] + argv`: the items of the left come first, whatever the right holds.
      if (right.items && !right.rest) return compact({ shape: left.shape, items: [...left.items, ...right.items] });
      return compact({ shape: left.shape, items: left.items, rest: elementOf(right) });
    }
    const template = operator === '%' && left.constant?.type === 'str' ? left.constant.value : undefined;
    const bits = this.session.index.bitsFor(urlTargetKinds);
    let written = dataOf(right);
    // After text of its own, a value no longer starts the string (it cannot choose a URL's host).
    if (operator === '+') written = isEmptyText(left) ? writtenData(right, false, bits) : inside(writtenData(right, opensQuery(left), bits));
    else if (template !== undefined) written = startsWithConversion(template) ? percentData(template, right, bits) : inside(percentData(template, right, bits));
    const data = join(dataOf(left), written);
    let prefix: string | undefined;
    if (operator === '+') prefix = left.constant?.type === 'str' ? left.constant.value + (right.prefix ?? '') : left.prefix;
    else if (template !== undefined) prefix = template.split('%')[0];
    const isText = left.shape === 'str' || right.shape === 'str' || left.constant?.type === 'str';
    const query = operator === '+' ? opensQuery(left) || opensQuery(right) : template !== undefined && hasQueryMark(template);
    return compact({ ...data, shape: isText && (operator === '+' || operator === '%') ? 'str' : undefined, prefix: prefix || undefined, query: (isText && query) || undefined });
  }

  private compare(frame: Frame, env: Env, expr: Extract<Expr, { kind: 'compare' }>): Value {
    const operands = expr.operands.map((operand) => this.evaluate(frame, env, operand));
    let result: boolean | undefined = true;
    for (let index = 0; index < expr.operators.length; index++) {
      const left = operands[index]?.constant;
      const right = operands[index + 1]?.constant;
      const outcome = left && right ? constants.compare(expr.operators[index], left, right) : undefined;
      if (outcome === false) return constantValue(constants.falseConstant);
      if (outcome === undefined) result = undefined;
    }
    if (result) return constantValue(constants.trueConstant);
    return {}; // a bool: nothing of its operands' text survives
  }

  private slice(frame: Frame, env: Env, object: Value, slice: Extract<Expr, { kind: 'slice' }>): Value {
    const bound = (part: Expr | undefined) => (part ? this.evaluate(frame, env, part) : undefined);
    const lower = bound(slice.lower);
    const upper = bound(slice.upper);
    const step = bound(slice.step);
    const known = (value: Value | undefined) => !value || !!value.constant;
    if (object.constant && known(lower) && known(upper) && known(step)) {
      const folded = constants.slice(object.constant, lower?.constant, upper?.constant, step?.constant);
      if (folded) return constantValue(folded);
    }
    if (object.items && known(lower) && known(upper) && known(step)) {
      const positions = constants.slicePositions(object.items.length, lower?.constant, upper?.constant, step?.constant);
      if (positions && !object.rest) return compact({ shape: object.shape, items: positions.map((at) => object.items![at]) });
    }
    if (object.items || object.rest) return compact({ shape: object.shape, rest: anyElement(object) });
    // A slice of text is part of the same text; its start is known only for a slice from 0.
    const data = dataOf(object);
    const fromStart = !lower || lower.constant?.type === 'int' && lower.constant.value === 0n;
    return compact({ ...data, shape: object.shape, prefix: fromStart ? object.prefix : undefined });
  }

  private format(frame: Frame, env: Env, parts: readonly FormatPart[]): Value {
    let text = '';
    let allConstant = true;
    let data: Value = {};
    let prefix = '';
    let prefixOpen = true;
    let query = false;
    const bits = this.session.index.bitsFor(urlTargetKinds);
    for (const part of parts) {
      if ('text' in part) {
        text += part.text;
        if (prefixOpen) prefix += part.text;
        query ||= hasQueryMark(part.text);
        continue;
      }
      const value = this.evaluate(frame, env, part.value);
      const piece = !part.formatted && value.constant ? constants.toStr(value.constant) : undefined;
      if (piece !== undefined) {
        text += piece;
        if (prefixOpen) prefix += piece;
        query ||= hasQueryMark(piece);
        continue;
      }
      allConstant = false;
      // Only a value before any text can start the string.
      const written = writtenData(value, query, bits);
      data = join(data, prefixOpen && text === '' ? written : inside(written));
      prefixOpen = false;
      query ||= opensQuery(value);
    }
    if (allConstant) return constantValue(constants.str(text));
    return compact({ ...data, shape: 'str', prefix: prefix || undefined, query: query || undefined });
  }

  private sequence(frame: Frame, env: Env, shape: 'list' | 'tuple' | 'set', items: readonly Expr[]): Value {
    const values: Value[] = [];
    let rest: Value | undefined;
    for (const item of items) {
      const value = storable(this.evaluate(frame, env, item));
      if (item.kind === 'starred') {
        if (value.items && !value.rest && !rest) values.push(...value.items);
        else rest = rest ? join(rest, elementOf(value)) : elementOf(value);
      } else if (rest) {
        rest = join(rest, value);
      } else {
        values.push(value);
      }
    }
    if (shape === 'set') {
      let element: Value | undefined = rest;
      for (const value of values) element = element ? join(element, value) : value;
      return compact({ shape, rest: element, items: element ? undefined : [] });
    }
    if (rest) {
      for (const value of values) rest = join(rest, value);
      return compact({ shape, rest });
    }
    const tupleConstant =
      shape === 'tuple' && values.every((value) => value.constant) ? { type: 'tuple' as const, items: values.map((value) => value.constant!) } : undefined;
    return compact({ shape, items: values, constant: tupleConstant });
  }

  private dictionary(frame: Frame, env: Env, expr: Extract<Expr, { kind: 'dict' }>): Value {
    let result: Value = { shape: 'dict', fields: new Map() };
    for (const entry of expr.entries) {
      const value = this.evaluate(frame, env, entry.value);
      if (!entry.key) {
        // `**other`: its known keys, and whatever else it holds.
        for (const [key, field] of value.fields ?? []) if (!key.startsWith('.')) result = withField(result, key, field);
        if (value.rest || value.taints || value.params || value.opaque) result = compact({ ...result, rest: join(result.rest ?? {}, anyElement(value)) });
        continue;
      }
      const key = this.evaluate(frame, env, entry.key);
      const constant = key.constant && constantKey(key.constant);
      if (constant) result = withField(result, constant, value);
      else result = compact({ ...result, rest: join(result.rest ?? {}, join(value, dataOf(key))) });
    }
    return result;
  }

  private comprehension(frame: Frame, env: Env, expr: Extract<Expr, { kind: 'comprehension' }>): Value {
    const scope = copyEnv(env);
    for (const clause of expr.clauses) {
      const iterable = this.evaluate(frame, scope, clause.iter);
      this.assign(frame, scope, clause.target, elementOf(iterable), clause.target.span, true);
      for (const condition of clause.conditions) {
        const test = this.evaluate(frame, scope, condition);
        if (test.constant && !constants.truthy(test.constant)) return compact({ shape: expr.shape === 'generator' ? 'list' : expr.shape, items: expr.shape === 'dict' ? undefined : [] });
        const [whenTrue] = refine(this, frame, scope, condition);
        for (const [name, value] of whenTrue) scope.set(name, value);
      }
    }
    const element = this.evaluate(frame, scope, expr.element);
    if (expr.shape === 'dict') {
      const key = expr.key ? this.evaluate(frame, scope, expr.key) : unknownValue;
      return compact({ shape: 'dict', rest: join(element, dataOf(key)) });
    }
    return compact({ shape: expr.shape === 'generator' ? 'list' : expr.shape, rest: element });
  }
}

// --- Helpers ------------------------------------------------------------------------------------

function withItem(value: Value, index: number, item: Value): Value {
  const items = [...(value.items ?? [])];
  const at = index < 0 ? (value.rest ? -1 : items.length + index) : index;
  if (at < 0 || at >= items.length) return compact({ ...value, constant: undefined, items: undefined, rest: join(value.rest ?? {}, join(item, anyElement(value))) });
  items[at] = storable(item);
  return compact({ ...value, constant: undefined, items });
}

/** The empty string: text after it still starts the string. */
function isEmptyText(value: Value): boolean {
  return value.constant?.type === 'str' && value.constant.value === '';
}

/** `"%s/welcome" % host`: the first value formatted starts the text. */
function startsWithConversion(template: string): boolean {
  return /^%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sr]/.test(template);
}

function withoutParams(value: Value): Value {
  if (!value.params) return value;
  return compact({ ...value, params: undefined, opaque: true });
}

export function isClean(value: Value): boolean {
  return !hasDataDeep(value);
}

function hasDataDeep(value: Value, depth = 0): boolean {
  if (value.taints?.some((taint) => taint.origin.family === 'input') || value.params?.length || value.opaque) return true;
  if (depth >= 4) return false;
  if (value.items?.some((item) => hasDataDeep(item, depth + 1))) return true;
  if (value.fields) for (const field of value.fields.values()) if (hasDataDeep(field, depth + 1)) return true;
  return !!value.rest && hasDataDeep(value.rest, depth + 1);
}

function patternMatches(pattern: Pattern, subject: Value): boolean | undefined {
  switch (pattern.kind) {
    case 'wildcard':
    case 'capture':
      return true;
    case 'literal': {
      if (!subject.constant) return undefined;
      return constants.equal(subject.constant, pattern.value);
    }
    case 'or': {
      let unsure = false;
      for (const part of pattern.patterns) {
        const outcome = patternMatches(part, subject);
        if (outcome === true) return true;
        if (outcome === undefined) unsure = true;
      }
      return unsure ? undefined : false;
    }
    default:
      return undefined;
  }
}

export function joinEnvs(...envs: (Env | undefined)[]): Env | undefined {
  const present = envs.filter((env): env is Env => !!env);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  const [first, ...others] = present;
  const joined = copyEnv(first);
  for (const other of others) {
    if (other === first) continue;
    for (const [name, value] of other) {
      const existing = joined.get(name);
      joined.set(name, existing ? join(existing, value) : value);
    }
  }
  return joined;
}

function sameEnv(a: Env, b: Env): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [name, value] of a) if (b.get(name) !== value) return false;
  return true;
}
