import type { Node } from 'web-tree-sitter';
import type { Rule, RuleContext } from '../../rule';
import { rangeOf } from '../syntax';
import { asOperand, isSameNode } from './support';

const lenCallOf = (capture: string) => `(call
  function: (identifier) @len
  arguments: (argument_list . (_) @sequence .)
  (#eq? @len "len")) @${capture}`;
const lenCall = lenCallOf('call');

/** `len(x) <op> <n>` read left to right, keyed `op n`: true tests emptiness, false non-emptiness. */
const emptinessTests: Record<string, boolean> = {
  '== 0': true,
  '<= 0': true,
  '< 1': true,
  '!= 0': false,
  '> 0': false,
  '>= 1': false,
};

/** The operator that keeps a comparison's meaning when its operands swap sides (`0 < n` is `n > 0`). */
const mirrored: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '==': '==', '!=': '!=' };

/**
 * Is the value of `node` only ever tested for truth (an `if`/`while` condition, `not`, a filter)?
 * Climbs a few levels through `and`/`or` and parentheses; past that it answers no, which only
 * makes the rule quieter or its fix more literal.
 */
function isBooleanContext(node: Node): boolean {
  let child = node;
  let steps = 0;
  for (let parent = node.parent; parent && steps < 8; child = parent, parent = parent.parent, steps++) {
    switch (parent.type) {
      case 'boolean_operator':
      case 'parenthesized_expression':
        continue; // the value flows on to the enclosing expression
      case 'not_operator':
      case 'if_clause':
        return true;
      case 'if_statement':
      case 'elif_clause':
      case 'while_statement':
        return isSameNode(parent.childForFieldName('condition'), child);
      case 'conditional_expression':
        return isSameNode(parent.namedChild(1), child);
      case 'assert_statement':
        return isSameNode(parent.firstNamedChild, child);
      default:
        return false;
    }
  }
  return false;
}

/** `len(x) == 0` and friends: the emptiness they test, or undefined for any other comparison. */
function emptinessTested(call: Node, comparison: Node): boolean | undefined {
  if (comparison.namedChildCount !== 2) return undefined;
  const operator = comparison.childrenForFieldName('operators')[0]?.type;
  const lenFirst = isSameNode(comparison.firstNamedChild, call);
  const bound = lenFirst ? comparison.lastNamedChild : comparison.firstNamedChild;
  if (!operator || bound?.type !== 'integer') return undefined;
  const readFromLen = lenFirst ? operator : mirrored[operator];
  return emptinessTests[`${readFromLen} ${bound.text}`];
}

function reportComparison(call: Node, comparison: Node, sequence: Node, context: RuleContext): void {
  const testsEmpty = emptinessTested(call, comparison);
  if (testsEmpty === undefined) return;
  let replacement: string;
  if (testsEmpty) replacement = `not ${asOperand(sequence)}`;
  else if (isBooleanContext(comparison)) replacement = asOperand(sequence);
  else replacement = `bool(${sequence.text})`; // keeps the value a bool where it is stored or returned
  context.report({
    node: comparison,
    message: `\`${comparison.text}\` tests whether \`${sequence.text}\` is ${testsEmpty ? 'empty' : 'non-empty'}; write \`${replacement}\`.`,
    fix: { title: `Replace with \`${replacement}\``, edits: [{ range: rangeOf(comparison), newText: replacement }] },
  });
}

export const lenComparisonZero: Rule = {
  meta: {
    id: 'len-comparison-zero',
    title: '`len()` used to test for emptiness',
    category: 'refactoring',
    severity: 'info',
    // NumPy arrays and pandas frames refuse truth tests; a parser cannot tell them from lists.
    confidence: 'medium',
    aliases: ['PLC1802', 'C1802'],
    why: 'Empty sequences and collections are false and non-empty ones true, so `len(x) == 0` and `if len(x):` spell out what `not x` and `if x:` already say.',
    doInstead: 'Write `if not items:` for empty and `if items:` for non-empty (keep `len()` for NumPy arrays and pandas objects).',
    languages: ['python'],
  },

  // The positions are spelled out so that the query engine, not a walk up the tree, finds the
  // condition a `len()` call sits in. Comparisons and `and`/`or` are read from the call's parent
  // instead: child steps under those nest, and cost quadratic time on long or deep chains.
  query: `
    ${lenCallOf('operand')}
    (if_statement condition: ${lenCall})
    (elif_clause condition: ${lenCall})
    (while_statement condition: ${lenCall})
    (not_operator argument: ${lenCall})
    (if_clause ${lenCall})
    (assert_statement . ${lenCall})
    (conditional_expression (_) "if" . ${lenCall})`,

  check(match, context) {
    const operand = match.get('operand');
    const call = (operand ?? match.get('call'))!;
    const sequence = match.get('sequence')!;
    if (['keyword_argument', 'list_splat', 'dictionary_splat', 'comment'].includes(sequence.type)) return;
    const parent = operand?.parent;
    if (operand && parent?.type !== 'comparison_operator' && parent?.type !== 'boolean_operator') return;
    if (parent?.type === 'comparison_operator') {
      reportComparison(call, parent, sequence, context);
      return;
    }
    // In `len(x) and y` the truth of the whole `and` is what counts.
    if (parent && !isBooleanContext(parent)) return;
    const replacement = asOperand(sequence);
    context.report({
      node: call,
      message: `\`${call.text}\` is used as a truth value; test \`${sequence.text}\` itself, empty sequences are false.`,
      fix: { title: `Replace with \`${replacement}\``, edits: [{ range: rangeOf(call), newText: replacement }] },
    });
  },
};
