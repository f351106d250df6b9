// Turns a grammar-constrained answer into a checked value. The grammar guarantees the JSON's
// structure and types but not ranges (minimum/maximum) or a complete document when generation
// hits maxTokens, so both are checked here.
import { ModelError } from './errors';
import { formatViolation, validateJson, type JsonSchema } from './jsonSchema';

export function parseJsonAnswer(text: string, schema: JsonSchema, truncated: boolean): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const why = truncated ? 'it was cut off at the token limit; raise maxTokens' : 'it is not valid JSON';
    throw new ModelError('invalid-output', `The model's answer could not be read: ${why}.`);
  }
  const violations = validateJson(value, schema);
  if (violations.length > 0) {
    throw new ModelError('invalid-output', `The model's answer does not follow the expected format: ${violations.slice(0, 3).map(formatViolation).join('; ')}.`);
  }
  return value;
}
