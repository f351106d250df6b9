import type { Node } from 'web-tree-sitter';
import type { Fix } from '../../../finding';
import type { Rule, RuleContext } from '../../rule';
import { asOperand } from '../fixes';
import { builtinTypeOf } from '../knownTypes';
import { isSameNode } from '../statements';
import { rangeOf } from '../syntax';

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

// Nodes whose value is only ever tested for truth, per tree: an `if`/`elif`/`while` condition,
// the argument of `not`, a comprehension filter, an assertion, a conditional expression's test,
// and the `and`/`or` operands and parentheses within them. Marked top-down when the condition
// matches, which is before the query reaches anything inside it; asking each `len()` for its
// parents instead cost O(depth) per step (tree-sitter walks down from the root), O(n^2) on a
// long `a and len(b) and ...` chain.
const testedForTruthByTree = new WeakMap<object, Set<number>>();

function testedForTruth(node: Node): Set<number> {
  let tested = testedForTruthByTree.get(node.tree);
  if (!tested) testedForTruthByTree.set(node.tree, (tested = new Set()));
  return tested;
}

function markTestedForTruth(condition: Node): void {
  const tested = testedForTruth(condition);
  const pending = [condition];
  while (pending.length > 0) {
    const node = pending.pop()!;
    tested.add(node.id);
    if (node.type === 'boolean_operator' || node.type === 'parenthesized_expression') {
      for (const child of node.namedChildren) if (child && child.type !== 'comment') pending.push(child);
    }
  }
}

// The comparison or `and`/`or` each operand sits in, per tree, recorded when the query reaches
// the operator (before its operands), for the same reason: no `parent` walks.
const operatorOfByTree = new WeakMap<object, Map<number, Node>>();

function recordOperands(operator: Node): void {
  let operatorOf = operatorOfByTree.get(operator.tree);
  if (!operatorOf) operatorOfByTree.set(operator.tree, (operatorOf = new Map()));
  for (const child of operator.namedChildren) if (child) operatorOf.set(child.id, operator);
}

/** Is the value of `node` only ever tested for truth? */
function isBooleanContext(node: Node): boolean {
  return testedForTruth(node).has(node.id);
}

/**
 * Replaces `replaced` with a truth test of `sequence`. Safe only where the file shows a builtin
 * container or string (`items = []`), whose truth is exactly a non-zero length. Elsewhere `not x`
 * asks `__bool__` instead: a NumPy array raises or tests its one element, and None passes as
 * empty where `len(None)` raised.
 */
function truthTestFix(replaced: Node, sequence: Node, replacement: string): Fix {
  const title = `Replace with ${replacement}`;
  const edits = [{ range: rangeOf(replaced), newText: replacement }];
  if (builtinTypeOf(sequence)) return { title, edits, applicability: 'safe' };
  return { title, edits, applicability: 'unsafe', changes: 'tests truth instead of length; NumPy arrays raise and None counts as empty' };
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
    fix: truthTestFix(comparison, sequence, replacement),
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
  // condition a `len()` call sits in. The comparison or `and`/`or` around a call comes from the
  // records its operator left (child steps under those nest, and cost quadratic time on long or
  // deep chains), and whether an `and`/`or` is a condition from the @truth marks.
  query: `
    ${lenCallOf('operand')}
    (if_statement condition: ${lenCall})
    (elif_clause condition: ${lenCall})
    (while_statement condition: ${lenCall})
    (not_operator argument: ${lenCall})
    (if_clause ${lenCall})
    (assert_statement . ${lenCall})
    (conditional_expression (_) "if" . ${lenCall})
    (if_statement condition: (_) @truth)
    (elif_clause condition: (_) @truth)
    (while_statement condition: (_) @truth)
    (not_operator argument: (_) @truth)
    (if_clause (_) @truth)
    (assert_statement . (_) @truth)
    (conditional_expression (_) "if" . (_) @truth)
    (boolean_operator) @operator
    (comparison_operator) @operator`,

  check(match, context) {
    const truth = match.get('truth');
    if (truth) {
      markTestedForTruth(truth);
      return;
    }
    const operator = match.get('operator');
    if (operator) {
      recordOperands(operator);
      return;
    }
    const operand = match.get('operand');
    const call = (operand ?? match.get('call'))!;
    const sequence = match.get('sequence')!;
    if (['keyword_argument', 'list_splat', 'dictionary_splat', 'comment'].includes(sequence.type)) return;
    const parent = operand ? operatorOfByTree.get(operand.tree)?.get(operand.id) : undefined;
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
      fix: truthTestFix(call, sequence, replacement),
    });
  },
};
