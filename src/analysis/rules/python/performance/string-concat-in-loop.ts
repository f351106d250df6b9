import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { precedingBinding } from '../bindings';
import { isCallTo } from '../calls';
import { repeatingLoop } from '../loops';
import { contains } from '../statements';
import { isStringNode } from '../strings';

const sequenceLiteralTypes = new Set(['list', 'tuple', 'list_comprehension']);

/** `a` in `a + b + c` (or `a % b`); `value` itself when it is no binary operation. */
function leftmostOperand(value: Node): Node {
  let operand = value;
  while (operand.type === 'binary_operator') {
    const left = operand.childForFieldName('left');
    if (!left) break;
    operand = left;
  }
  return operand;
}

/** `s + a + b` as [s, a, b]: the operands of a chain of `+`, which leans left. */
function sumOperands(sum: Node): Node[] {
  const operands: Node[] = [];
  let current = sum;
  while (current.type === 'binary_operator' && current.childForFieldName('operator')?.type === '+') {
    const left = current.childForFieldName('left');
    const right = current.childForFieldName('right');
    if (!left || !right) break;
    operands.unshift(right);
    current = left;
  }
  operands.unshift(current);
  return operands;
}

/**
 * Is `value` evidently a string: a literal or f-string, `str(...)`, a method called on a literal
 * (`", ".join(...)`), or a `+` chain that starts with one of those?
 */
function isEvidentlyString(value: Node): boolean {
  const first = leftmostOperand(value);
  if (first.type === 'call') {
    const callee = first.childForFieldName('function');
    return isCallTo(first, 'str') || (callee?.type === 'attribute' && isStringNode(callee.childForFieldName('object')));
  }
  return isStringNode(first);
}

export const stringConcatInLoop: Rule = {
  meta: {
    id: 'string-concat-in-loop',
    title: 'String built with `+=` inside a loop',
    category: 'performance',
    severity: 'info',
    confidence: 'medium',
    // No Ruff or flake8 code; pylint's consider-using-join (R1713) covers only a narrower case.
    aliases: [],
    why: 'Strings are immutable, so each `s += part` may copy everything built so far: the loop can turn quadratic in the length of the result.',
    doInstead: 'Append the parts to a list and `"".join(parts)` once after the loop, or write to an `io.StringIO`.',
    languages: ['python'],
  },

  query: `
    (augmented_assignment left: (identifier) @target operator: "+=" right: (_) @added) @concat
    (assignment left: (identifier) @target right: (binary_operator operator: "+") @added) @concat`,

  check(match, context) {
    const concat = match.get('concat')!;
    const target = match.get('target')!.text;
    const added = match.get('added')!;
    let addsString: boolean;
    if (concat.type === 'augmented_assignment') {
      addsString = isEvidentlyString(added);
    } else {
      // `s = s + a + b`: the chain must start from `s` itself.
      const [first, ...rest] = sumOperands(added);
      if (first.type !== 'identifier' || first.text !== target) return;
      addsString = rest.some(isEvidentlyString);
    }
    const loop = repeatingLoop(concat);
    if (!loop) return;
    const binding = precedingBinding(concat, target);
    // Set afresh on every pass of this loop: nothing accumulates across iterations.
    if (binding && contains(loop, binding.statement)) return;
    const initial = binding?.value;
    // A list starting value makes `+=` a list extend, whatever is added.
    const isString = initial
      ? isEvidentlyString(initial) || (addsString && !sequenceLiteralTypes.has(initial.type))
      : addsString;
    if (!isString) return;
    context.report({
      node: concat,
      message: `\`${target}\` grows by string concatenation on every pass of the loop; collect the parts in a list and \`"".join()\` them once.`,
    });
  },
};
