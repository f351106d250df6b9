import type { Node, Tree } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { functionQuery, structuralNodes } from '../structure';
import { headerRange } from '../syntax';

/** Statements that open a nesting level; `elif`, `else`, `except` and `finally` stay on theirs. */
const nestingTypes = new Set(['if_statement', 'for_statement', 'while_statement', 'try_statement', 'with_statement', 'match_statement']);

interface NestedStatement {
  statement: Node;
  /** 1 for a block statement directly in the function body. */
  depth: number;
}

interface OpenBlock {
  end: number;
  depth: number;
  /** The function whose code this is; undefined at module level and in class bodies. */
  functionId?: number;
}

/**
 * The depth of every block statement in the file, grouped by function. One pass over the file's
 * structural nodes with a stack of the blocks still open: no recursion, so 500 nested blocks
 * cost no more than 500 statements in a row. Independent of the limit, so it is kept per tree.
 */
function nestingByFunction(tree: Tree): Map<number, NestedStatement[]> {
  const byFunction = new Map<number, NestedStatement[]>();
  const open: OpenBlock[] = [{ end: Number.POSITIVE_INFINITY, depth: 0 }];
  for (const { node, type, start, end } of structuralNodes(tree)) {
    while (start >= open[open.length - 1].end) open.pop();
    const enclosing = open[open.length - 1];
    if (type === 'function_definition') {
      open.push({ end, depth: 0, functionId: node.id }); // a nested function counts from zero again
    } else if (type === 'class_definition') {
      open.push({ end, depth: 0 });
    } else if (nestingTypes.has(type)) {
      const depth = enclosing.depth + 1;
      open.push({ end, depth, functionId: enclosing.functionId });
      if (enclosing.functionId === undefined) continue;
      const statements = byFunction.get(enclosing.functionId) ?? [];
      statements.push({ statement: node, depth });
      byFunction.set(enclosing.functionId, statements);
    }
  }
  return byFunction;
}

const nestingByTree = new WeakMap<Tree, Map<number, NestedStatement[]>>();

export const tooDeepNesting: Rule = {
  meta: {
    id: 'too-deep-nesting',
    title: 'Blocks nested too deeply',
    category: 'refactoring',
    severity: 'info',
    confidence: 'high',
    aliases: ['PLR1702', 'R1702'],
    why: 'Each nested if, loop, try or with adds a condition the reader has to hold in mind; deep nesting hides which branch does what.',
    doInstead: 'Return or `continue` early to flatten the guards, combine conditions, or move the inner blocks into a helper function.',
    languages: ['python'],
  },

  query: functionQuery,

  check(match, context) {
    const fn = match.get('function')!;
    let nesting = nestingByTree.get(fn.tree);
    if (!nesting) nestingByTree.set(fn.tree, (nesting = nestingByFunction(fn.tree)));
    const limit = context.thresholds.nesting;
    const name = match.get('name')!.text;
    for (const { statement, depth } of nesting.get(fn.id) ?? []) {
      // Only the first block past the limit: the ones inside it are the same problem.
      if (depth !== limit + 1) continue;
      const keyword = statement.type.replace('_statement', '');
      context.report({
        range: headerRange(statement),
        message: `This \`${keyword}\` is nested ${depth} blocks deep in \`${name}\` (limit ${limit}); return early or move the inner blocks into a helper.`,
      });
    }
  },
};
