// What text a string built with +, %, f-strings and str.format keeps of its parts. Text written
// after a constant `?` or `#` is a URL's query or fragment: whatever it holds, it cannot choose
// the scheme, host or path a redirect or a server-side request goes to. A numeric `%` conversion
// keeps nothing of its value's text.
import { isStringLike } from './constant';
import { dataOf, join, withoutInput, withSafe, type Value } from './value';

const queryMark = /[?#]/;

/** The sinks for which the place a URL points to is what matters. */
export const urlTargetKinds = ['open-redirect', 'ssrf'];

/** A constant `?` or `#` occurs in the text: what is appended after it is query or fragment. */
export function opensQuery(value: Value): boolean {
  if (value.query) return true;
  if (isStringLike(value.constant)) return queryMark.test(value.constant.value);
  return !!value.prefix && queryMark.test(value.prefix);
}

export function hasQueryMark(text: string): boolean {
  return queryMark.test(text);
}

/** The data of a value written into a string after `?` or `#` (when `afterQuery`), made safe for URL targets. */
export function writtenData(value: Value, afterQuery: boolean, bits: number): Value {
  return afterQuery ? withSafe(dataOf(value), bits) : dataOf(value);
}

export interface TemplateField {
  /** `%(name)s` or `{name}`; undefined for positional fields. */
  readonly name?: string;
  /** `{2}`: an explicit position. */
  readonly position?: number;
  readonly afterQuery: boolean;
  /** The conversion letter of a `%` field (`s`, `r`, `d`, ...). */
  readonly conversion?: string;
}

const percentConversion = /%(?:\(([^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;
const braceField = /\{\{|\}\}|\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}/g;

/** The conversions of a `%` template, in order, and whether each comes after a `?` or `#`. */
export function percentFields(template: string): TemplateField[] {
  const fields: TemplateField[] = [];
  for (const match of template.matchAll(percentConversion)) {
    if (match[2] === '%') continue;
    fields.push({ name: match[1], afterQuery: queryMark.test(template.slice(0, match.index)), conversion: match[2] });
  }
  return fields;
}

/** The replacement fields of a str.format template, in order. */
export function braceFields(template: string): TemplateField[] {
  const fields: TemplateField[] = [];
  for (const match of template.matchAll(braceField)) {
    if (match[0] === '{{' || match[0] === '}}') continue;
    const key = (match[1] ?? '').split(/[.[]/)[0];
    const afterQuery = queryMark.test(template.slice(0, match.index).replace(/\{\{|\}\}/g, ''));
    if (key === '') fields.push({ afterQuery });
    else if (/^\d+$/.test(key)) fields.push({ position: Number(key), afterQuery });
    else fields.push({ name: key, afterQuery });
  }
  return fields;
}

/** `%d`, `%x`, `%f`...: only digits come out, whatever went in. */
const numericConversion = /^[diouxXeEfFgGc]$/;

function convertedData(value: Value, field: TemplateField | undefined, afterQuery: boolean, bits: number): Value {
  return field && numericConversion.test(field.conversion ?? '') ? withoutInput(value) : writtenData(value, afterQuery, bits);
}

/**
 * The data of `template % values`: a value under a numeric conversion keeps none of its text;
 * the others are safe for URL targets where their conversion follows `?` or `#`.
 */
export function percentData(template: string, values: Value, bits: number): Value {
  const fields = percentFields(template);
  const allAfter = fields.length > 0 && fields.every((field) => field.afterQuery);
  if (values.shape === 'tuple' && values.items && !values.rest) {
    return values.items.reduce<Value>((data, item, index) => join(data, convertedData(item, fields[index], fields[index]?.afterQuery ?? allAfter, bits)), {});
  }
  if (values.shape === 'dict' && fields.some((field) => field.name !== undefined)) {
    let data = values.rest ? writtenData(values.rest, allAfter, bits) : {};
    for (const [key, field] of values.fields ?? []) {
      const named = fields.filter((entry) => `'${entry.name}` === key);
      data = join(data, writtenData(field, named.length > 0 ? named.every((entry) => entry.afterQuery) : allAfter, bits));
    }
    return data;
  }
  return fields.length === 1 ? convertedData(values, fields[0], fields[0].afterQuery, bits) : writtenData(values, allAfter, bits);
}

/** The data of `template.format(...)`: each argument safe for URL targets where its field follows `?` or `#`. */
export function braceData(template: string, positional: readonly Value[], keywords: ReadonlyMap<string, Value>, other: Value, bits: number): Value {
  const fields = braceFields(template);
  const allAfter = fields.length > 0 && fields.every((field) => field.afterQuery);
  const afterFor = (matches: TemplateField[]) => (matches.length > 0 ? matches.every((field) => field.afterQuery) : allAfter);
  let automatic = 0;
  const positions = fields.map((field) => (field.name === undefined ? field.position ?? automatic++ : undefined));
  let data = writtenData(other, allAfter, bits);
  positional.forEach((value, index) => (data = join(data, writtenData(value, afterFor(fields.filter((_, at) => positions[at] === index)), bits))));
  for (const [name, value] of keywords) data = join(data, writtenData(value, afterFor(fields.filter((field) => field.name === name)), bits));
  return data;
}
