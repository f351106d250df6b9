import type { Node, Tree } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { functionQuery, type StructuralNode, structuralNodes } from '../structure';

// Counted the way radon counts: 1, plus one per if / elif / ternary, loop (and its `else`), except
// handler (and a try's `else`), assert, extra operand of and/or, comprehension `for` and `if`, and
// match case other than the catch-all. Nested functions and classes are scored on their own;
// lambdas and comprehensions count towards the function they are in.
const alwaysDecisions = new Set([
  'if_statement',
  'elif_clause',
  'conditional_expression',
  'for_statement',
  'while_statement',
  'except_clause',
  'boolean_operator',
  'for_in_clause',
  'assert_statement',
  'case_clause',
]);
const unscoredScopes = new Set(['class_definition', 'decorator']);
const elseThatBranches = new Set(['for_statement', 'while_statement', 'try_statement']);

/** `case _:` and `case name:` match anything (a guard aside). */
function isCatchAllCase(clause: Node): boolean {
  const patterns = clause.namedChildren.filter((child) => child?.type === 'case_pattern');
  if (patterns.length !== 1) return false;
  const inner = patterns[0]!.namedChildren;
  return inner.length === 0 || (inner.length === 1 && inner[0]?.type === 'dotted_name' && inner[0].namedChildCount === 1);
}

/** What one structural node adds; `parentType` is the innermost structural node around it. */
function weight({ node, type }: StructuralNode, parentType: string | undefined): number {
  if (alwaysDecisions.has(type)) return 1;
  switch (type) {
    case 'else_clause':
      return elseThatBranches.has(parentType ?? '') ? 1 : 0;
    case 'if_clause':
      return parentType === 'case_clause' ? 0 : 1; // a case guard is part of its case
    case 'match_statement': {
      // Every case counts, less one for the whole match when some case catches all.
      const cases = node.childForFieldName('body')?.namedChildren ?? [];
      return cases.some((clause) => clause?.type === 'case_clause' && isCatchAllCase(clause)) ? -1 : 0;
    }
    default:
      return 0; // try, with, lambdas and comprehensions themselves
  }
}

interface Scope {
  end: number;
  /** Where the body starts: parameters and annotations before it are not counted. */
  bodyStart: number;
  /** Function definitions are scored; class bodies, decorators and asserts are passed over. */
  function?: { id: number; complexity: number };
}

/**
 * Scores every function in the file from its structural nodes, in document order, with a stack
 * of the scopes still open (to attribute each decision to its innermost function) and one of all
 * open structural nodes (to know a clause's parent without asking the tree): no recursion and no
 * upward walks, one pass however deeply the code nests.
 */
function scoreFunctions(tree: Tree): Map<number, number> {
  const scores = new Map<number, number>();
  const scopes: Scope[] = [{ end: Number.POSITIVE_INFINITY, bodyStart: 0 }]; // module level is not scored
  const ancestors: StructuralNode[] = [];
  for (const entry of structuralNodes(tree)) {
    const { node, type, start, end } = entry;
    while (start >= scopes[scopes.length - 1].end) {
      const scope = scopes.pop()!;
      if (scope.function) scores.set(scope.function.id, scope.function.complexity);
    }
    while (ancestors.length > 0 && start >= ancestors[ancestors.length - 1].end) ancestors.pop();
    const scope = scopes[scopes.length - 1];
    if (type === 'function_definition') {
      const bodyStart = node.childForFieldName('body')?.startIndex ?? end;
      scopes.push({ end, bodyStart, function: { id: node.id, complexity: 1 } });
    } else if (unscoredScopes.has(type)) {
      scopes.push({ end, bodyStart: start });
    } else if (scope.function && start >= scope.bodyStart) {
      scope.function.complexity += weight(entry, ancestors[ancestors.length - 1]?.type);
      // radon scores an assert as one decision and does not look inside it.
      if (type === 'assert_statement') scopes.push({ end, bodyStart: start });
    }
    ancestors.push(entry);
  }
  for (const scope of scopes) if (scope.function) scores.set(scope.function.id, scope.function.complexity);
  return scores;
}

// Every decision is spelled with one of these words, so their count bounds the complexity from
// above (words in strings and comments only raise the bound). Most functions are far below the
// limit and are never scored.
const decisionWord = /\b(?:if|elif|else|for|while|except|and|or|assert|case)\b/g;

function decisionWordsIn(text: string): number {
  let count = 0;
  decisionWord.lastIndex = 0;
  while (decisionWord.exec(text)) count++;
  return count;
}

/** Scores per tree, by function node id, computed when the first function of a tree is checked. */
const scoresByTree = new WeakMap<Tree, Map<number, number>>();

export function complexityOf(fn: Node): number {
  let scores = scoresByTree.get(fn.tree);
  if (!scores) scoresByTree.set(fn.tree, (scores = scoreFunctions(fn.tree)));
  return scores.get(fn.id) ?? 1;
}

/** radon's rank: A 1-5, B 6-10, C 11-20, D 21-30, E 31-40, F 41 and up. */
export function complexityRank(complexity: number): string {
  if (complexity <= 5) return 'A';
  if (complexity <= 10) return 'B';
  return 'CDEF'[Math.min(3, Math.floor((complexity - 11) / 10))];
}

export const cyclomaticComplexity: Rule = {
  meta: {
    id: 'cyclomatic-complexity',
    title: 'Function is too complex',
    category: 'refactoring',
    severity: 'info',
    confidence: 'high',
    aliases: ['C901', 'R1260'],
    why: 'Every branch and loop adds a path through the function; past about ten paths it is hard to read, to test fully and to change safely.',
    doInstead: 'Split it: move branches into well-named helpers, return early, or replace if/elif chains with a lookup table.',
    languages: ['python'],
  },

  query: functionQuery,

  check(match, context) {
    const limit = context.thresholds.complexity;
    const fn = match.get('function')!;
    if (1 + decisionWordsIn(fn.text) <= limit) return;
    const complexity = complexityOf(fn);
    if (complexity <= limit) return;
    const name = match.get('name')!;
    context.report({
      node: name,
      message: `Function \`${name.text}\` has cyclomatic complexity ${complexity} (rank ${complexityRank(complexity)}); over the limit of ${limit}.`,
    });
  },
};
