// Reading from a value: an attribute (`obj.name`) or an item (`obj[key]`). Known fields and
// methods come first; a library object's attribute may be a source; data carried by the object
// is carried by what is read from it.
import { classFieldData, classMember } from './classes';
import type { Frame } from './frames';
import type { Interpreter } from './interpreter';
import type { Span } from './ir';
import { projectMember } from './project';
import { sourceTaint } from './sources';
import { anyElement, attributeKey, compact, constantKey, constantValue, join, unknownValue, type Value } from './value';
import * as constants from './constant';

/** Library names longer than this stop being followed (a chain that long names nothing we model). */
const maxPathSegments = 12;

export function attributeOf(interp: Interpreter, frame: Frame, object: Value, name: string, span: Span): Value {
  const parts: Value[] = [];
  let known = false;
  const field = object.fields?.get(attributeKey(name));
  if (field) {
    parts.push(field);
    known = true;
  }
  for (const cls of object.instances ?? []) {
    const member = classMember(interp, cls, name);
    if (member?.method) {
      parts.push({ callables: [{ kind: 'function', fn: member.method, module: member.owner.module, self: object, owner: member.owner }] });
      known = true;
    } else if (!field) {
      if (member?.value) {
        parts.push(member.value);
        known = true;
      }
      const written = classFieldData(interp, cls, name);
      if (written) parts.push(written);
    }
  }
  for (const callable of object.callables ?? []) {
    if (callable.kind !== 'class') continue;
    const member = classMember(interp, callable.cls, name);
    if (member?.method) parts.push({ callables: [{ kind: 'function', fn: member.method, module: member.owner.module, owner: member.owner }] });
    else if (member?.value) parts.push(member.value);
    known ||= !!member;
  }
  for (const ref of object.refs ?? []) {
    if (ref.file !== undefined) {
      const member = projectMember(interp, ref, name);
      if (member) {
        parts.push(member);
        known = true;
      }
      continue;
    }
    const path = `${ref.path}.${name}`;
    // A field the code set (a check narrowed `request.form`) is what the attribute now is.
    if (field || path.split('.').length > maxPathSegments) continue;
    parts.push(libraryAttribute(interp, frame, path, span));
  }
  const strong = field ? undefined : strongTaints(object);
  if (strong) parts.push({ taints: strong });
  if (object.params && !known) {
    parts.push({ params: object.params.map((flow) => (flow.derived ? flow : { ...flow, path: [...flow.path, attributeKey(name)] })) });
  }
  if (parts.length === 0) return unknownValue;
  let result = parts.reduce((a, b) => join(a, b));
  if (object.opaque && !known && !result.opaque) result = compact({ ...result, opaque: true });
  return result;
}

/** `path` read as an attribute of a library object: a source, an alias of another object, or just itself. */
export function libraryAttribute(interp: Interpreter, frame: Frame, path: string, span: Span): Value {
  const alias = interp.session.index.aliasFor(path, frame.module.active);
  const ref = alias ?? path;
  const taint = sourceTaint(interp, frame, ref === path ? path : alias!, span, false) ?? (alias ? sourceTaint(interp, frame, path, span, false) : undefined);
  return compact({ refs: [{ path: ref }], opaque: true, taints: taint ? [taint] : undefined });
}

/** A field or item of what an unknown call returned (a looked-up record) is not the text that went in. */
function strongTaints(object: Value): Value['taints'] {
  const strong = object.taints?.filter((taint) => !taint.weak);
  return strong?.length ? strong : undefined;
}

export function subscriptOf(object: Value, index: Value): Value {
  const key = index.constant && constantKey(index.constant);
  const parts: Value[] = [];
  let hit = false;
  if (key) {
    const field = object.fields?.get(key);
    if (field) {
      parts.push(field);
      hit = true;
    } else if (object.items && index.constant?.type === 'int') {
      const length = object.items.length;
      const position = Number(index.constant.value);
      // With `rest`, only the first items are where they are: count from the start.
      const at = position < 0 ? (object.rest ? -1 : length + position) : position;
      if (at >= 0 && at < length) {
        parts.push(object.items[at]);
        hit = true;
      }
    } else if (object.constant) {
      const folded = constants.index(object.constant, index.constant!);
      if (folded) return constantValue(folded);
    }
  }
  if (!hit) {
    if (key && object.fields && object.shape === 'dict') {
      if (object.rest) parts.push(object.rest); // a key not set is not there (KeyError): only unknown keys may hold it
    } else if (object.items || object.rest || object.fields) {
      parts.push(anyElement(object));
    }
  }
  const strong = hit ? undefined : strongTaints(object);
  if (strong) parts.push({ taints: strong });
  if (object.params && !hit) {
    const step = key ? `[${key}]` : '[*]';
    parts.push({ params: object.params.map((flow) => (flow.derived ? flow : { ...flow, path: [...flow.path, step] })) });
  }
  if (parts.length === 0) return object.opaque || !object.shape ? unknownValue : {};
  let result = parts.reduce((a, b) => join(a, b));
  if (object.opaque && !hit && !result.opaque) result = compact({ ...result, opaque: true });
  return result;
}
