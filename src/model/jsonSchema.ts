// A small JSON-schema checker for the subset this project writes: the models.json catalog, and
// the model's JSON answers (the generation grammar enforces structure but not minimum/maximum,
// so parsed answers are checked again here).

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export interface JsonSchema {
  type?: JsonType | readonly JsonType[];
  description?: string;
  enum?: readonly unknown[];
  const?: unknown;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  anyOf?: readonly JsonSchema[];
}

export interface SchemaViolation {
  /** Where in the value: `contextLength`, `tasks[2]`, `lora.scale`; empty for the value itself. */
  path: string;
  message: string;
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function matchesType(value: unknown, type: JsonType): boolean {
  const actual = typeOf(value);
  if (type === 'number') return actual === 'number' || actual === 'integer';
  return actual === type;
}

/** A short rendering of a value for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function checkNumber(value: number, schema: JsonSchema, path: string, out: SchemaViolation[]): void {
  if (!Number.isFinite(value)) out.push({ path, message: `must be a finite number; got ${value}` });
  if (schema.minimum !== undefined && value < schema.minimum) out.push({ path, message: `must be at least ${schema.minimum}; got ${value}` });
  if (schema.maximum !== undefined && value > schema.maximum) out.push({ path, message: `must be at most ${schema.maximum}; got ${value}` });
}

function checkString(value: string, schema: JsonSchema, path: string, out: SchemaViolation[]): void {
  if (schema.minLength !== undefined && value.length < schema.minLength) {
    out.push({ path, message: `must be at least ${schema.minLength} characters long` });
  }
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    out.push({ path, message: `must be at most ${schema.maxLength} characters long` });
  }
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
    out.push({ path, message: `must match ${schema.pattern}; got ${describeValue(value)}` });
  }
}

function checkArray(value: unknown[], schema: JsonSchema, path: string, out: SchemaViolation[]): void {
  if (schema.minItems !== undefined && value.length < schema.minItems) out.push({ path, message: `must have at least ${schema.minItems} item(s)` });
  if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push({ path, message: `must have at most ${schema.maxItems} item(s)` });
  if (schema.uniqueItems && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) {
    out.push({ path, message: 'must not repeat an item' });
  }
  if (schema.items) value.forEach((item, index) => collect(item, schema.items!, join(path, index), out));
}

function checkObject(value: Record<string, unknown>, schema: JsonSchema, path: string, out: SchemaViolation[]): void {
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) out.push({ path: join(path, key), message: 'is required' });
  }
  for (const [key, item] of Object.entries(value)) {
    const propertySchema = schema.properties?.[key];
    if (propertySchema) collect(item, propertySchema, join(path, key), out);
    else if (schema.additionalProperties === false) out.push({ path: join(path, key), message: 'is not a known field' });
    else if (typeof schema.additionalProperties === 'object') collect(item, schema.additionalProperties, join(path, key), out);
  }
}

function collect(value: unknown, schema: JsonSchema, path: string, out: SchemaViolation[]): void {
  if (schema.anyOf) {
    const attempts = schema.anyOf.map((option) => validateJson(value, option, path));
    if (!attempts.some((violations) => violations.length === 0)) {
      // Report the closest option: the one with the fewest complaints.
      out.push(...attempts.reduce((best, next) => (next.length < best.length ? next : best)));
    }
    return;
  }
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!types.some((type) => matchesType(value, type))) {
      out.push({ path, message: `must be ${types.join(' or ')}; got ${describeValue(value)}` });
      return;
    }
  }
  if (schema.const !== undefined && JSON.stringify(value) !== JSON.stringify(schema.const)) {
    out.push({ path, message: `must be ${describeValue(schema.const)}; got ${describeValue(value)}` });
  }
  if (schema.enum && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
    out.push({ path, message: `must be one of ${schema.enum.map(describeValue).join(', ')}; got ${describeValue(value)}` });
  }
  if (typeof value === 'number') checkNumber(value, schema, path, out);
  else if (typeof value === 'string') checkString(value, schema, path, out);
  else if (Array.isArray(value)) checkArray(value, schema, path, out);
  else if (value !== null && typeof value === 'object') checkObject(value as Record<string, unknown>, schema, path, out);
}

/** Every way `value` breaks `schema`; empty when it conforms. */
export function validateJson(value: unknown, schema: JsonSchema, path = ''): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  collect(value, schema, path, out);
  return out;
}

export function formatViolation(violation: SchemaViolation): string {
  return violation.path ? `field "${violation.path}" ${violation.message}` : `the value ${violation.message}`;
}
