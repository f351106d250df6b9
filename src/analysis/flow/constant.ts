// Constant evaluation with Python's semantics: arithmetic on exact integers, string and tuple
// operations, comparisons and truthiness. A branch whose condition folds to a constant is the only
// one that runs; a value that folds to a constant carries no input. Anything unsure is undefined.

export type Constant =
  | { readonly type: 'str'; readonly value: string }
  | { readonly type: 'bytes'; readonly value: string }
  | { readonly type: 'int'; readonly value: bigint }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'none' }
  | { readonly type: 'ellipsis' }
  | { readonly type: 'tuple'; readonly items: readonly Constant[] };

/** Longest string a fold may produce; longer results are treated as unknown. */
const maxStringLength = 100_000;
/** Integers past this many bits are treated as unknown rather than computed. */
const maxIntegerBits = 4096n;

export const none: Constant = { type: 'none' };
export const ellipsisConstant: Constant = { type: 'ellipsis' };
export const trueConstant: Constant = { type: 'bool', value: true };
export const falseConstant: Constant = { type: 'bool', value: false };

export function str(value: string): Constant | undefined {
  return value.length <= maxStringLength ? { type: 'str', value } : undefined;
}

export function bytes(value: string): Constant | undefined {
  return value.length <= maxStringLength ? { type: 'bytes', value } : undefined;
}

export function int(value: bigint): Constant | undefined {
  const magnitude = value < 0n ? -value : value;
  return magnitude.toString(2).length <= Number(maxIntegerBits) ? { type: 'int', value } : undefined;
}

export function float(value: number): Constant {
  return { type: 'float', value };
}

export function bool(value: boolean): Constant {
  return value ? trueConstant : falseConstant;
}

export function isStringLike(constant: Constant | undefined): constant is { type: 'str' | 'bytes'; value: string } {
  return constant?.type === 'str' || constant?.type === 'bytes';
}

export function truthy(constant: Constant): boolean {
  switch (constant.type) {
    case 'str':
    case 'bytes':
      return constant.value.length > 0;
    case 'int':
      return constant.value !== 0n;
    case 'float':
      return constant.value !== 0;
    case 'bool':
      return constant.value;
    case 'none':
      return false;
    case 'ellipsis':
      return true;
    case 'tuple':
      return constant.items.length > 0;
  }
}

/** bool counts as int in arithmetic, as in Python. */
function asInteger(constant: Constant): bigint | undefined {
  if (constant.type === 'int') return constant.value;
  if (constant.type === 'bool') return constant.value ? 1n : 0n;
  return undefined;
}

function asNumber(constant: Constant): number | undefined {
  if (constant.type === 'float') return constant.value;
  const integer = asInteger(constant);
  return integer === undefined ? undefined : Number(integer);
}

function floorDivide(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? quotient - 1n : quotient;
}

function pythonModulo(a: bigint, b: bigint): bigint {
  const remainder = a % b;
  return remainder !== 0n && (remainder < 0n) !== (b < 0n) ? remainder + b : remainder;
}

function integerOperation(operator: string, a: bigint, b: bigint): Constant | undefined {
  switch (operator) {
    case '+':
      return int(a + b);
    case '-':
      return int(a - b);
    case '*':
      return int(a * b);
    case '//':
      return b === 0n ? undefined : int(floorDivide(a, b));
    case '%':
      return b === 0n ? undefined : int(pythonModulo(a, b));
    case '/':
      return b === 0n ? undefined : float(Number(a) / Number(b));
    case '**':
      if (b < 0n) return a === 0n ? undefined : float(Number(a) ** Number(b));
      // Bound the size before computing: |a| ** b has about b * log2|a| bits.
      if (b > 0n && (a > 1n || a < -1n) && BigInt(a.toString(2).length) * b > maxIntegerBits) return undefined;
      return int(a ** b);
    case '<<':
      return b < 0n || b > maxIntegerBits ? undefined : int(a << b);
    case '>>':
      return b < 0n ? undefined : int(a >> b);
    case '&':
      return int(a & b);
    case '|':
      return int(a | b);
    case '^':
      return int(a ^ b);
    default:
      return undefined;
  }
}

function floatOperation(operator: string, a: number, b: number): Constant | undefined {
  switch (operator) {
    case '+':
      return float(a + b);
    case '-':
      return float(a - b);
    case '*':
      return float(a * b);
    case '/':
      return b === 0 ? undefined : float(a / b);
    case '//':
      return b === 0 ? undefined : float(Math.floor(a / b));
    case '%':
      return b === 0 ? undefined : float(a - b * Math.floor(a / b));
    case '**':
      return float(a ** b);
    default:
      return undefined;
  }
}

function repeat(text: string, times: bigint): string | undefined {
  if (times <= 0n) return '';
  if (BigInt(text.length) * times > BigInt(maxStringLength)) return undefined;
  return text.repeat(Number(times));
}

export function binary(operator: string, left: Constant, right: Constant): Constant | undefined {
  const leftInteger = asInteger(left);
  const rightInteger = asInteger(right);
  if (leftInteger !== undefined && rightInteger !== undefined) return integerOperation(operator, leftInteger, rightInteger);
  const leftNumber = asNumber(left);
  const rightNumber = asNumber(right);
  if (leftNumber !== undefined && rightNumber !== undefined) return floatOperation(operator, leftNumber, rightNumber);
  if (left.type === right.type && (left.type === 'str' || left.type === 'bytes') && operator === '+') {
    const value = left.value + (right as typeof left).value;
    return left.type === 'str' ? str(value) : bytes(value);
  }
  if (operator === '*') {
    if (isStringLike(left) && rightInteger !== undefined) {
      const value = repeat(left.value, rightInteger);
      return value === undefined ? undefined : { type: left.type, value };
    }
    if (isStringLike(right) && leftInteger !== undefined) return binary('*', right, left);
  }
  if (left.type === 'tuple' && right.type === 'tuple' && operator === '+') return { type: 'tuple', items: [...left.items, ...right.items] };
  if (operator === '%' && isStringLike(left)) return percentFormat(left, right);
  return undefined;
}

/** `"%s-%d" % (a, b)` for the conversions whose output is certain. */
function percentFormat(template: { type: 'str' | 'bytes'; value: string }, values: Constant): Constant | undefined {
  const items = values.type === 'tuple' ? values.items : [values];
  let next = 0;
  let failed = false;
  const value = template.value.replace(/%([sdir%])/g, (_, conversion: string) => {
    if (conversion === '%') return '%';
    const item = items[next++];
    if (!item) {
      failed = true;
      return '';
    }
    const text = conversion === 's' ? toStr(item) : conversion === 'r' ? toRepr(item) : asInteger(item)?.toString();
    if (text === undefined) failed = true;
    return text ?? '';
  });
  if (failed || next !== items.length || /%[^%]/.test(template.value.replace(/%[sdir%]/g, ''))) return undefined;
  return template.type === 'str' ? str(value) : bytes(value);
}

/** `str(constant)` as Python prints it, where certain. */
export function toStr(constant: Constant): string | undefined {
  switch (constant.type) {
    case 'str':
      return constant.value;
    case 'int':
      return constant.value.toString();
    case 'bool':
      return constant.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'float':
      return Number.isInteger(constant.value) && Math.abs(constant.value) < 1e16 ? `${constant.value}.0` : undefined;
    case 'tuple': {
      const parts = constant.items.map(toRepr);
      if (parts.some((part) => part === undefined)) return undefined;
      return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
    }
    default:
      return undefined;
  }
}

function toRepr(constant: Constant): string | undefined {
  if (constant.type === 'str') return /['\\\n\r\t]/.test(constant.value) ? undefined : `'${constant.value}'`;
  return toStr(constant);
}

function compareOrder(left: Constant, right: Constant): number | undefined {
  const leftNumber = asNumber(left);
  const rightNumber = asNumber(right);
  if (leftNumber !== undefined && rightNumber !== undefined) {
    const leftInteger = asInteger(left);
    const rightInteger = asInteger(right);
    if (leftInteger !== undefined && rightInteger !== undefined) return leftInteger < rightInteger ? -1 : leftInteger > rightInteger ? 1 : 0;
    return leftNumber < rightNumber ? -1 : leftNumber > rightNumber ? 1 : 0;
  }
  if (left.type === right.type && isStringLike(left)) {
    const other = (right as typeof left).value;
    return left.value < other ? -1 : left.value > other ? 1 : 0;
  }
  if (left.type === 'tuple' && right.type === 'tuple') {
    for (let index = 0; index < Math.min(left.items.length, right.items.length); index++) {
      const order = compareOrder(left.items[index], right.items[index]);
      if (order === undefined) return undefined;
      if (order !== 0) return order;
    }
    return left.items.length - right.items.length;
  }
  return undefined;
}

export function equal(left: Constant, right: Constant): boolean | undefined {
  if (asNumber(left) !== undefined && asNumber(right) !== undefined) return compareOrder(left, right) === 0;
  if (left.type !== right.type) return left.type === 'ellipsis' || right.type === 'ellipsis' ? false : isComparableType(left) && isComparableType(right) ? false : undefined;
  switch (left.type) {
    case 'str':
    case 'bytes':
      return left.value === (right as typeof left).value;
    case 'none':
    case 'ellipsis':
      return true;
    case 'tuple': {
      const other = right as typeof left;
      if (left.items.length !== other.items.length) return false;
      for (let index = 0; index < left.items.length; index++) {
        const same = equal(left.items[index], other.items[index]);
        if (same !== true) return same;
      }
      return true;
    }
    default:
      return undefined;
  }
}

function isComparableType(constant: Constant): boolean {
  return constant.type !== 'float' || Number.isFinite(constant.value);
}

function contains(container: Constant, item: Constant): boolean | undefined {
  if (isStringLike(container) && item.type === container.type) return container.value.includes(item.value);
  if (container.type === 'tuple') {
    let unsure = false;
    for (const element of container.items) {
      const same = equal(element, item);
      if (same === true) return true;
      if (same === undefined) unsure = true;
    }
    return unsure ? undefined : false;
  }
  return undefined;
}

export function compare(operator: string, left: Constant, right: Constant): boolean | undefined {
  switch (operator) {
    case '==':
      return equal(left, right);
    case '!=':
    case '<>': {
      const same = equal(left, right);
      return same === undefined ? undefined : !same;
    }
    case 'is':
    case 'is not': {
      // Identity is certain only for the singletons.
      const singleton = (constant: Constant) => constant.type === 'none' || constant.type === 'bool' || constant.type === 'ellipsis';
      if (!singleton(left) && !singleton(right)) return undefined;
      const same = left.type === right.type && (left.type !== 'bool' || left.value === (right as typeof left).value);
      return operator === 'is' ? same : !same;
    }
    case 'in':
      return contains(right, left);
    case 'not in': {
      const found = contains(right, left);
      return found === undefined ? undefined : !found;
    }
    default: {
      const order = compareOrder(left, right);
      if (order === undefined) return undefined;
      if (operator === '<') return order < 0;
      if (operator === '<=') return order <= 0;
      if (operator === '>') return order > 0;
      if (operator === '>=') return order >= 0;
      return undefined;
    }
  }
}

export function unary(operator: string, operand: Constant): Constant | undefined {
  if (operator === 'not') return bool(!truthy(operand));
  const integer = asInteger(operand);
  if (integer !== undefined) {
    if (operator === '-') return int(-integer);
    if (operator === '+') return int(integer);
    if (operator === '~') return int(-integer - 1n);
  }
  if (operand.type === 'float') {
    if (operator === '-') return float(-operand.value);
    if (operator === '+') return operand;
  }
  return undefined;
}

// --- Indexing and slicing ------------------------------------------------------------------------

/** Python characters are code points; JavaScript strings count UTF-16 units. */
function characters(text: string): string[] | string {
  return /[\ud800-\udfff]/.test(text) ? Array.from(text) : text;
}

function normalizedIndex(index: bigint, length: number): number | undefined {
  const position = index < 0n ? BigInt(length) + index : index;
  return position < 0n || position >= BigInt(length) ? undefined : Number(position);
}

export function index(container: Constant, key: Constant): Constant | undefined {
  const position = asInteger(key);
  if (position === undefined) return undefined;
  if (container.type === 'str') {
    const chars = characters(container.value);
    const at = normalizedIndex(position, chars.length);
    return at === undefined ? undefined : str(chars[at]);
  }
  if (container.type === 'bytes') {
    const at = normalizedIndex(position, container.value.length);
    return at === undefined ? undefined : int(BigInt(container.value.charCodeAt(at)));
  }
  if (container.type === 'tuple') {
    const at = normalizedIndex(position, container.items.length);
    return at === undefined ? undefined : container.items[at];
  }
  return undefined;
}

/** The positions a slice selects from a sequence of `length`, or undefined when a bound is not an integer. */
export function slicePositions(length: number, lower: Constant | undefined, upper: Constant | undefined, step: Constant | undefined): number[] | undefined {
  const bound = (constant: Constant | undefined) => (constant === undefined || constant.type === 'none' ? undefined : asInteger(constant));
  const stepValue = step === undefined || step.type === 'none' ? 1n : asInteger(step);
  if (stepValue === undefined || stepValue === 0n) return undefined;
  if ((lower && lower.type !== 'none' && bound(lower) === undefined) || (upper && upper.type !== 'none' && bound(upper) === undefined)) return undefined;
  const size = BigInt(length);
  const clamp = (value: bigint | undefined, fallback: bigint, low: bigint, high: bigint) => {
    if (value === undefined) return fallback;
    const adjusted = value < 0n ? value + size : value;
    return adjusted < low ? low : adjusted > high ? high : adjusted;
  };
  const positions: number[] = [];
  if (stepValue > 0n) {
    const start = clamp(bound(lower), 0n, 0n, size);
    const stop = clamp(bound(upper), size, 0n, size);
    for (let at = start; at < stop; at += stepValue) positions.push(Number(at));
  } else {
    const start = clamp(bound(lower), size - 1n, -1n, size - 1n);
    const stop = clamp(bound(upper), -1n, -1n, size - 1n);
    for (let at = start; at > stop; at += stepValue) positions.push(Number(at));
  }
  return positions;
}

export function slice(container: Constant, lower: Constant | undefined, upper: Constant | undefined, step: Constant | undefined): Constant | undefined {
  if (container.type === 'str') {
    const chars = characters(container.value);
    const positions = slicePositions(chars.length, lower, upper, step);
    return positions && str(positions.map((at) => chars[at]).join(''));
  }
  if (container.type === 'bytes') {
    const positions = slicePositions(container.value.length, lower, upper, step);
    return positions && bytes(positions.map((at) => container.value[at]).join(''));
  }
  if (container.type === 'tuple') {
    const positions = slicePositions(container.items.length, lower, upper, step);
    return positions && { type: 'tuple', items: positions.map((at) => container.items[at]) };
  }
  return undefined;
}

export function length(constant: Constant): number | undefined {
  if (constant.type === 'str') return characters(constant.value).length;
  if (constant.type === 'bytes') return constant.value.length;
  if (constant.type === 'tuple') return constant.items.length;
  return undefined;
}

// --- Methods and built-ins on constants ----------------------------------------------------------

function optionalText(argument: Constant | undefined): string | null | undefined {
  if (argument === undefined || argument.type === 'none') return null;
  return isStringLike(argument) ? argument.value : undefined;
}

function stripSet(text: string, chars: string | null, where: 'both' | 'start' | 'end'): string {
  const strippable = (char: string) => (chars === null ? /\s/.test(char) : chars.includes(char));
  let start = 0;
  let end = text.length;
  if (where !== 'end') while (start < end && strippable(text[start])) start++;
  if (where !== 'start') while (end > start && strippable(text[end - 1])) end--;
  return text.slice(start, end);
}

function splitText(text: string, separator: string | null, limit: number, fromRight: boolean): string[] | undefined {
  if (separator === '') return undefined;
  if (separator === null) {
    const words = text.split(/\s+/).filter(Boolean);
    if (limit < 0 || words.length <= limit + 1) return words;
    return undefined; // maxsplit with whitespace keeps the rest's spacing: not worth modelling
  }
  const parts = text.split(separator);
  if (limit < 0 || parts.length <= limit + 1) return parts;
  return fromRight
    ? [parts.slice(0, parts.length - limit).join(separator), ...parts.slice(parts.length - limit)]
    : [...parts.slice(0, limit), parts.slice(limit).join(separator)];
}

function affixTest(text: string, argument: Constant | undefined, test: (text: string, affix: string) => boolean): boolean | undefined {
  if (!argument) return undefined;
  if (isStringLike(argument)) return test(text, argument.value);
  if (argument.type === 'tuple') {
    const affixes = argument.items.map((item) => (isStringLike(item) ? item.value : undefined));
    if (affixes.some((affix) => affix === undefined)) return undefined;
    return affixes.some((affix) => test(text, affix!));
  }
  return undefined;
}

/** Positional `{}` / `{0}` fields only; anything richer is left unknown. */
function formatText(template: string, args: readonly Constant[]): string | undefined {
  let next = 0;
  let failed = false;
  const value = template.replace(/\{\{|\}\}|\{(\d*)\}/g, (field: string, position: string | undefined) => {
    if (field === '{{') return '{';
    if (field === '}}') return '}';
    const item = args[position ? Number(position) : next++];
    const text = item && toStr(item);
    if (text === undefined) failed = true;
    return text ?? '';
  });
  if (failed || /[{}]/.test(template.replace(/\{\{|\}\}|\{\d*\}/g, ''))) return undefined;
  return value;
}

/**
 * A string method on a constant receiver with constant arguments. Returns a constant, a list of
 * constants (`split`), or undefined when the result is not certain.
 */
export function stringMethod(receiver: Constant, method: string, args: readonly Constant[]): Constant | Constant[] | undefined {
  if (!isStringLike(receiver)) return undefined;
  const text = receiver.value;
  const make = (value: string) => (receiver.type === 'str' ? str(value) : bytes(value));
  const [first, second, third] = args;
  switch (method) {
    case 'upper':
      return make(text.toUpperCase());
    case 'lower':
    case 'casefold':
      return make(text.toLowerCase());
    case 'title':
      return make(text.replace(/[A-Za-z]+/g, (word) => word[0].toUpperCase() + word.slice(1).toLowerCase()));
    case 'capitalize':
      return make(text.length === 0 ? text : text[0].toUpperCase() + text.slice(1).toLowerCase());
    case 'swapcase':
      return make([...text].map((char) => (char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase())).join(''));
    case 'strip':
    case 'lstrip':
    case 'rstrip': {
      const chars = optionalText(first);
      if (chars === undefined) return undefined;
      return make(stripSet(text, chars, method === 'strip' ? 'both' : method === 'lstrip' ? 'start' : 'end'));
    }
    case 'replace': {
      if (!isStringLike(first) || !isStringLike(second)) return undefined;
      const count = third === undefined ? -1n : asInteger(third);
      if (count === undefined) return undefined;
      if (first.value === '') return undefined;
      if (count < 0n) return make(text.split(first.value).join(second.value));
      const parts = text.split(first.value);
      const limit = Number(count);
      return make(parts.slice(0, limit + 1).join(second.value) + (parts.length > limit + 1 ? first.value + parts.slice(limit + 1).join(first.value) : ''));
    }
    case 'removeprefix':
      return isStringLike(first) ? make(text.startsWith(first.value) ? text.slice(first.value.length) : text) : undefined;
    case 'removesuffix':
      return isStringLike(first) ? make(first.value && text.endsWith(first.value) ? text.slice(0, -first.value.length) : text) : undefined;
    case 'startswith': {
      const result = affixTest(text, first, (value, affix) => value.startsWith(affix));
      return result === undefined ? undefined : bool(result);
    }
    case 'endswith': {
      const result = affixTest(text, first, (value, affix) => value.endsWith(affix));
      return result === undefined ? undefined : bool(result);
    }
    case 'find':
    case 'index':
      return isStringLike(first) && args.length === 1 ? int(BigInt(text.indexOf(first.value))) : undefined;
    case 'rfind':
    case 'rindex':
      return isStringLike(first) && args.length === 1 ? int(BigInt(text.lastIndexOf(first.value))) : undefined;
    case 'count':
      return isStringLike(first) && first.value !== '' && args.length === 1 ? int(BigInt(text.split(first.value).length - 1)) : undefined;
    case 'split':
    case 'rsplit': {
      const separator = optionalText(first);
      const limit = second === undefined ? -1n : asInteger(second);
      if (separator === undefined || limit === undefined) return undefined;
      const parts = splitText(text, separator, Number(limit), method === 'rsplit');
      return parts?.map((part) => make(part)!);
    }
    case 'isdigit':
    case 'isdecimal':
    case 'isnumeric':
      return bool(text.length > 0 && /^[0-9]+$/.test(text));
    case 'isalpha':
      return bool(text.length > 0 && /^[A-Za-z]+$/.test(text));
    case 'isalnum':
      return bool(text.length > 0 && /^[A-Za-z0-9]+$/.test(text));
    case 'isupper':
      return bool(/[A-Z]/.test(text) && !/[a-z]/.test(text));
    case 'islower':
      return bool(/[a-z]/.test(text) && !/[A-Z]/.test(text));
    case 'isspace':
      return bool(text.length > 0 && /^\s+$/.test(text));
    case 'isidentifier':
      return bool(/^[A-Za-z_][A-Za-z0-9_]*$/.test(text));
    case 'zfill': {
      const width = first && asInteger(first);
      if (width === undefined) return undefined;
      const sign = /^[+-]/.test(text) ? text[0] : '';
      const digits = sign ? text.slice(1) : text;
      return make(sign + digits.padStart(Math.max(0, Number(width) - sign.length), '0'));
    }
    case 'format': {
      const formatted = receiver.type === 'str' ? formatText(text, args) : undefined;
      return formatted === undefined ? undefined : str(formatted);
    }
    case 'encode':
      return receiver.type === 'str' && /^[\x00-\x7f]*$/.test(text) ? bytes(text) : undefined;
    case 'decode':
      return receiver.type === 'bytes' && /^[\x00-\x7f]*$/.test(text) ? str(text) : undefined;
    default:
      return undefined;
  }
}

/** `separator.join(parts)` when every part is a string of the separator's type. */
export function joinConstants(separator: Constant, parts: readonly Constant[]): Constant | undefined {
  if (!isStringLike(separator)) return undefined;
  const values: string[] = [];
  for (const part of parts) {
    if (part.type !== separator.type) return undefined;
    values.push((part as typeof separator).value);
  }
  return separator.type === 'str' ? str(values.join(separator.value)) : bytes(values.join(separator.value));
}

/** Built-in functions of constants: `len`, `str`, `int`, `float`, `bool`, `abs`, `ord`, `chr`, `min`, `max`. */
export function builtin(name: string, args: readonly Constant[]): Constant | undefined {
  const [first, second] = args;
  switch (name) {
    case 'len': {
      const size = first && length(first);
      return size === undefined ? undefined : int(BigInt(size));
    }
    case 'str': {
      if (!first) return str('');
      const text = toStr(first);
      return text === undefined ? undefined : str(text);
    }
    case 'bool':
      return first ? bool(truthy(first)) : falseConstant;
    case 'int': {
      if (!first) return int(0n);
      const integer = asInteger(first);
      if (integer !== undefined) return int(integer);
      if (first.type === 'float' && Number.isFinite(first.value)) return int(BigInt(Math.trunc(first.value)));
      if (first.type === 'str' && second === undefined && /^\s*[+-]?\d+\s*$/.test(first.value)) return int(BigInt(first.value.trim()));
      return undefined;
    }
    case 'float': {
      const number = first && asNumber(first);
      if (number !== undefined) return float(number);
      if (first?.type === 'str' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(first.value)) return float(Number(first.value));
      return undefined;
    }
    case 'abs': {
      const integer = first && asInteger(first);
      if (integer !== undefined) return int(integer < 0n ? -integer : integer);
      return first?.type === 'float' ? float(Math.abs(first.value)) : undefined;
    }
    case 'ord':
      return first?.type === 'str' && [...first.value].length === 1 ? int(BigInt(first.value.codePointAt(0)!)) : undefined;
    case 'chr': {
      const integer = first && asInteger(first);
      return integer !== undefined && integer >= 0n && integer <= 0x10ffffn ? str(String.fromCodePoint(Number(integer))) : undefined;
    }
    case 'min':
    case 'max': {
      const items = args.length === 1 && first?.type === 'tuple' ? first.items : args;
      if (items.length === 0) return undefined;
      let best = items[0];
      for (const item of items.slice(1)) {
        const order = compareOrder(item, best);
        if (order === undefined) return undefined;
        if ((name === 'min' && order < 0) || (name === 'max' && order > 0)) best = item;
      }
      return best;
    }
    default:
      return undefined;
  }
}

export function constantsEqual(left: Constant | undefined, right: Constant | undefined): boolean {
  if (left === right) return true;
  if (!left || !right || left.type !== right.type) return false;
  if (left.type === 'float') return Object.is(left.value, (right as typeof left).value);
  if (left.type === 'int' || left.type === 'bool' || left.type === 'str' || left.type === 'bytes') return left.value === (right as typeof left).value;
  if (left.type === 'tuple') {
    const other = right as typeof left;
    return left.items.length === other.items.length && left.items.every((item, at) => constantsEqual(item, other.items[at]));
  }
  return true;
}

/** A short display form for traces and messages. */
export function describeConstant(constant: Constant): string {
  switch (constant.type) {
    case 'str': {
      const shown = constant.value.length > 40 ? `${constant.value.slice(0, 37)}...` : constant.value;
      return JSON.stringify(shown);
    }
    case 'bytes':
      return `b${JSON.stringify(constant.value.length > 40 ? `${constant.value.slice(0, 37)}...` : constant.value)}`;
    default:
      return toStr(constant) ?? constant.type;
  }
}
