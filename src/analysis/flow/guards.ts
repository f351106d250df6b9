// What a condition says about the values it tests, in the branch where it holds and where it does
// not: `x == "a"` makes x that constant, `x in ALLOWED` one of the allowed values, a validator
// (`is_safe_path(x)`, `x.isdigit()`, `re.fullmatch(r"[a-z]+", x)`) makes x safe for its sinks.
import { copyEnv, type Env, type Frame } from './frames';
import type { Interpreter } from './interpreter';
import type { Expr } from './ir';
import { anyElement, deepParams, deepTaints, withSafe, type Value } from './value';
import * as constants from './constant';

/** The variables of both branches of `test`: [where it holds, where it does not]. */
export function refine(interp: Interpreter, frame: Frame, env: Env, test: Expr): [Env, Env] {
  const whenTrue = copyEnv(env);
  const whenFalse = copyEnv(env);
  apply(interp, frame, test, whenTrue, true, 0);
  apply(interp, frame, test, whenFalse, false, 0);
  return [whenTrue, whenFalse];
}

/** Something a guard can narrow: a name, `obj.attr` or `obj["key"]` on one. */
function isPlace(expr: Expr): boolean {
  if (expr.kind === 'name') return true;
  if (expr.kind === 'attribute') return isPlace(expr.object);
  if (expr.kind === 'subscript') return expr.index.kind === 'constant' && isPlace(expr.object);
  return false;
}

/** The places a check looks at: its arguments, or the arguments of a call it is given (`check(join(a, b))`). */
function checkedPlaces(args: readonly Expr[]): Expr[] {
  const places: Expr[] = [];
  for (const arg of args) {
    if (isPlace(arg)) places.push(arg);
    else if (arg.kind === 'call') for (const inner of arg.args) if (isPlace(inner.value)) places.push(inner.value);
  }
  return places;
}

function markSafe(interp: Interpreter, frame: Frame, env: Env, place: Expr, bits: number): void {
  const current = interp.evaluate(frame, env, place);
  if (!current.taints && !current.params) return;
  interp.storeInto(frame, env, place, withSafe(current, bits));
}

function apply(interp: Interpreter, frame: Frame, test: Expr, env: Env, outcome: boolean, depth: number): void {
  if (depth > 8) return;
  switch (test.kind) {
    case 'unary':
      if (test.operator === 'not') apply(interp, frame, test.operand, env, !outcome, depth + 1);
      return;
    case 'logical':
      if (test.operator === 'and' && outcome) {
        apply(interp, frame, test.left, env, true, depth + 1);
        apply(interp, frame, test.right, env, true, depth + 1);
      } else if (test.operator === 'or' && !outcome) {
        apply(interp, frame, test.left, env, false, depth + 1);
        apply(interp, frame, test.right, env, false, depth + 1);
      }
      return;
    case 'walrus':
      apply(interp, frame, test.value, env, outcome, depth + 1);
      return;
    case 'compare':
      if (test.operators.length === 1) compareGuard(interp, frame, test.operators[0], test.operands[0], test.operands[1], env, outcome);
      return;
    case 'call':
      if (outcome) callGuard(interp, frame, test, env);
      return;
    default:
      return;
  }
}

function compareGuard(interp: Interpreter, frame: Frame, operator: string, left: Expr, right: Expr, env: Env, outcome: boolean): void {
  const equalWhen = operator === '==' || operator === 'is' ? true : operator === '!=' || operator === 'is not' ? false : undefined;
  if (equalWhen !== undefined && equalWhen === outcome) {
    const [place, other] = isPlace(left) ? [left, right] : [right, left];
    if (!isPlace(place)) return;
    const value = interp.evaluate(frame, env, other);
    if (value.constant) interp.storeInto(frame, env, place, { constant: value.constant, shape: value.shape, prefix: value.prefix });
    return;
  }
  const memberWhen = operator === 'in' ? true : operator === 'not in' ? false : undefined;
  if (memberWhen === undefined || memberWhen !== outcome || !isPlace(left)) return;
  // In an allow-list, the value is one of its entries: no text of its own survives. The list may
  // be constants, or configuration (`settings.ALLOWED_HOSTS`): anything that holds no input.
  const container = interp.evaluate(frame, env, right);
  const allowed = container.constant?.type === 'tuple' ? container.constant.items.every((item) => constants.isStringLike(item) || item.type === 'int') : isConstantCollection(container) || holdsNoInput(container);
  if (allowed) interp.storeInto(frame, env, left, { shape: 'str' });
}

/** A container (not a text, where `in` finds a substring) with no untrusted data and no parameter in it. */
function holdsNoInput(value: Value): boolean {
  if (value.shape === 'str' || value.prefix !== undefined || value.constant) return false;
  return deepTaints(value).every((taint) => taint.origin.family !== 'input') && deepParams(value).length === 0;
}

function isConstantCollection(value: Value): boolean {
  if (value.taints || value.params || value.opaque) return false;
  if (value.shape === 'dict') return !value.rest || isConstantCollection(value.rest);
  if (value.items) return value.items.every((item) => !!item.constant) && (!value.rest || isConstantCollection(value.rest));
  if (value.rest) {
    const element = anyElement(value);
    return !element.taints && !element.params && !element.opaque;
  }
  return false;
}

/** Validator names: `is_safe_path`, `valid_url`, `check_allowed`, `is_whitelisted`. */
const validatorName =
  /^(?:is_?|has_?|check_?|validate_?|verify_?|ensure_?)?(?:safe|valid|allowed|permitted|trusted|whitelisted|allowlisted|authorized)|(?:^|_)(?:safe|valid|allowed|permitted|trusted)(?:_|$)/i;

function validatorKinds(name: string): string[] | 'all' {
  if (/path|file|dir|folder|filename/i.test(name)) return ['path-traversal'];
  if (/url|uri|redirect|next|host|domain|link/i.test(name)) return ['open-redirect', 'ssrf'];
  return 'all';
}

/** An anchored pattern of word characters only: what it accepts cannot carry any injection. */
export function isRestrictivePattern(pattern: string, anchoredByCall: boolean): boolean {
  let body = pattern;
  const anchoredStart = anchoredByCall || body.startsWith('^') || body.startsWith('\\A');
  const anchoredEnd = anchoredByCall || /(?<!\\)\$$/.test(body) || body.endsWith('\\Z') || body.endsWith('\\z');
  if (!anchoredStart || !anchoredEnd) return false;
  body = body.replace(/^(\^|\\A)/, '').replace(/(\$|\\Z|\\z)$/, '');
  // Inside classes: letters, digits, `_`, `-`, `.` and \w \d only.
  const classes = body.match(/\[[^\]]*\]/g) ?? [];
  for (const cls of classes) if (!/^\[(?:[A-Za-z0-9_.\-]|\\[wd.\-_])+\]$/.test(cls)) return false;
  const outside = body.replace(/\[[^\]]*\]/g, '');
  return /^(?:[A-Za-z0-9_\-]|\\[wd.\-_]|[+*?(){}|,]|\d)*$/.test(outside);
}

function callGuard(interp: Interpreter, frame: Frame, call: Extract<Expr, { kind: 'call' }>, env: Env): void {
  const { index } = interp.session;
  const active = frame.module.active;
  const args = call.args.filter((arg) => !arg.name && !arg.spread).map((arg) => arg.value);
  const callee = call.callee;
  if (callee.kind === 'attribute') {
    const method = callee.attribute;
    const guards = index.guards.forMethod(method, active);
    if (guards.length > 0 && isPlace(callee.object)) {
      for (const guard of guards) markSafe(interp, frame, env, callee.object, index.bitsFor(guard.safeFor));
      return;
    }
    if (method === 'startswith' && isPlace(callee.object)) {
      // A containment check: a path under a base folder, or a URL under a fixed origin.
      const prefix = args[0] ? interp.evaluate(frame, env, args[0]) : undefined;
      const kinds = ['path-traversal'];
      if (prefix?.constant?.type === 'str' && /^[a-z][a-z0-9+.-]*:\/\/[^/]+\//i.test(prefix.constant.value)) kinds.push('open-redirect', 'ssrf');
      markSafe(interp, frame, env, callee.object, index.bitsFor(kinds));
      return;
    }
    if ((method === 'match' || method === 'fullmatch') && args[0] && isPlace(args[0])) {
      const compiled = interp.evaluate(frame, env, callee.object);
      const pattern = compiled.refs?.find((ref) => ref.path === 're.compile()')?.keywords?.get('#0');
      if (pattern?.type === 'str' && isRestrictivePattern(pattern.value, method === 'fullmatch')) markSafe(interp, frame, env, args[0], index.allBits);
      return;
    }
  }
  const paths = (interp.evaluate(frame, env, callee).refs ?? []).map((ref) => ref.path);
  for (const path of paths) {
    if ((path === 're.match' || path === 're.fullmatch' || path === 're.search') && args.length >= 2 && isPlace(args[1])) {
      const pattern = interp.evaluate(frame, env, args[0]).constant;
      if (pattern?.type === 'str' && isRestrictivePattern(pattern.value, path === 're.fullmatch')) markSafe(interp, frame, env, args[1], index.allBits);
      return;
    }
    if (path === 'isinstance' && args[0] && isPlace(args[0]) && args[1]) {
      const types = args[1].kind === 'sequence' ? args[1].items : [args[1]];
      const numeric = types.every((type) => type.kind === 'name' && /^(int|float|bool|complex)$/.test(type.name));
      if (numeric) markSafe(interp, frame, env, args[0], index.allBits);
      return;
    }
    for (const guard of index.guards.forPath(path, active)) {
      const checked = args[guard.argument ?? 0];
      if (checked) for (const place of checkedPlaces([checked])) markSafe(interp, frame, env, place, index.bitsFor(guard.safeFor));
      return;
    }
  }
  const name = callee.kind === 'name' ? callee.name : callee.kind === 'attribute' ? callee.attribute : undefined;
  if (name && validatorName.test(name)) {
    const bits = index.bitsFor(validatorKinds(name));
    for (const place of checkedPlaces(args)) markSafe(interp, frame, env, place, bits);
  }
}
