import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { isSameNode } from '../statements';

/** Methods that change a list's length while `range(len(...))` still counts the old one. */
const resizingMethods = new Set(['append', 'extend', 'insert', 'pop', 'remove', 'clear']);

const maxBodyNodes = 2000;

type IndexUse = 'read' | 'write' | 'other' | 'disqualifying' | 'unrelated';

function isAssignmentTarget(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'assignment' || parent.type === 'augmented_assignment') return isSameNode(parent.childForFieldName('left'), node);
  return parent.type === 'delete_statement' || parent.type === 'pattern_list' || parent.type === 'for_statement';
}

/** How one occurrence of the index name is used in the loop body. */
function classifyIndexUse(identifier: Node, sequenceText: string): IndexUse {
  const parent = identifier.parent;
  if (!parent) return 'other';
  // `point.i` and `f(i=1)` only share the spelling.
  if (parent.type === 'attribute' && isSameNode(parent.childForFieldName('attribute'), identifier)) return 'unrelated';
  if (parent.type === 'keyword_argument' && isSameNode(parent.childForFieldName('name'), identifier)) return 'unrelated';
  if (parent.type === 'subscript' && isSameNode(parent.childForFieldName('subscript'), identifier)) {
    if (parent.childForFieldName('value')?.text !== sequenceText) return 'other';
    return isAssignmentTarget(parent) ? 'write' : 'read';
  }
  // `x[i + 1]` reads a neighbour and a rebound index no longer follows the loop: iteration
  // over items would not say the same thing.
  if (parent.type === 'binary_operator' || isAssignmentTarget(identifier)) return 'disqualifying';
  return 'other';
}

/** Is the sequence rebound or resized in the body, so the indexes stop matching its items? */
function sequenceChanges(occurrences: Node[]): boolean {
  for (const occurrence of occurrences) {
    if (isAssignmentTarget(occurrence)) return true;
    const parent = occurrence.parent;
    if (parent?.type === 'attribute' && resizingMethods.has(parent.childForFieldName('attribute')?.text ?? '')) return true;
    if (parent?.type === 'subscript' && parent.parent?.type === 'delete_statement') return true;
  }
  return false;
}

export const rangeLenIndexing: Rule = {
  meta: {
    id: 'range-len-indexing',
    title: 'Loop over `range(len(x))` that indexes `x`',
    category: 'performance',
    severity: 'info',
    confidence: 'medium',
    aliases: ['C0200'],
    why: '`for i in range(len(x))` followed by `x[i]` does an index lookup per item and reads like C; iterating over `x` gives the item directly.',
    doInstead: 'Write `for item in x:`, or `for i, item in enumerate(x):` when the index is needed too (`zip(a, b)` for parallel lists).',
    languages: ['python'],
  },

  query: `
    (for_statement
      left: (identifier) @index
      right: (call
        function: (identifier) @range (#eq? @range "range")
        arguments: (argument_list .
          (call
            function: (identifier) @len (#eq? @len "len")
            arguments: (argument_list . [(identifier) (attribute)] @sequence .)) .)) @iterable
      body: (block) @body)`,

  check(match, context) {
    const index = match.get('index')!.text;
    const sequence = match.get('sequence')!;
    const body = match.get('body')!;
    // Reading every name in a huge body would cost more than the hint is worth; such loops are
    // rarely the simple kind this rule rewrites anyway.
    if (body.descendantCount > maxBodyNodes) return;
    const name = sequence.text;
    const uses = { read: 0, write: 0, other: 0, disqualifying: 0, unrelated: 0 };
    const sequenceOccurrences: Node[] = [];
    // One search finds both the index (a name) and the sequence (a name or `self.items`).
    for (const found of body.descendantsOfType(['identifier', sequence.type])) {
      if (found?.text === index) uses[classifyIndexUse(found, name)]++;
      else if (found?.text === name && found.type === sequence.type) sequenceOccurrences.push(found);
    }
    if (uses.read === 0 || uses.disqualifying > 0 || sequenceChanges(sequenceOccurrences)) return;
    const message =
      uses.write === 0 && uses.other === 0
        ? `\`${index}\` is only used to read \`${name}[${index}]\`; iterate with \`for item in ${name}:\`.`
        : `Use \`for ${index}, item in enumerate(${name}):\` instead of indexing \`${name}[${index}]\` on every pass.`;
    context.report({ node: match.get('iterable')!, message });
  },
};
