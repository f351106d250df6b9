import type { Node } from 'web-tree-sitter';
import type { Rule, RuleContext } from '../../rule';

const mutableLiteralTypes = new Set([
  'list',
  'dictionary',
  'set',
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension',
]);

/** Constructors whose result is mutable, by fully qualified name. */
const mutableConstructors = new Set([
  'list',
  'dict',
  'set',
  'bytearray',
  'collections.defaultdict',
  'collections.OrderedDict',
  'collections.Counter',
  'collections.deque',
]);

const candidateValues = `[${[...mutableLiteralTypes, 'call'].map((type) => `(${type})`).join(' ')}]`;

function isMutableValue(value: Node, context: RuleContext): boolean {
  if (mutableLiteralTypes.has(value.type)) return true;
  if (value.type !== 'call') return false;
  const name = context.qualifiedName(value.childForFieldName('function'));
  return !!name && mutableConstructors.has(name);
}

export const mutableDefaultArgument: Rule = {
  meta: {
    id: 'mutable-default-argument',
    title: 'Mutable default argument',
    category: 'refactoring',
    severity: 'warning',
    confidence: 'high',
    aliases: ['B006', 'W0102'],
    why: 'A default value is built once, when `def` runs, and shared by every call: what one call appends to it, the next call sees.',
    doInstead: 'Default to `None` and create the list or dict inside the function: `if items is None: items = []`.',
    languages: ['python'],
  },

  // Lambdas are left out: their defaults are rarely mutated, and `def` is where the bug bites.
  query: `
    (function_definition parameters: (parameters (default_parameter name: (_) @name value: ${candidateValues} @value)))
    (function_definition parameters: (parameters (typed_default_parameter name: (_) @name value: ${candidateValues} @value)))`,

  check(match, context) {
    const value = match.get('value')!;
    if (!isMutableValue(value, context)) return;
    const parameter = match.get('name')!.text;
    context.report({
      node: value,
      message: `\`${parameter}\` has a mutable default, created once and shared by every call; default to \`None\` and build it inside.`,
    });
  },
};
