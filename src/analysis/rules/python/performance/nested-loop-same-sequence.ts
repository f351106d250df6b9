import type { Node, Tree } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { precedingBinding } from '../bindings';
import { isCallTo, positionalArguments, soleArgument } from '../calls';
import { comprehensionTypes } from '../loops';
import { scopeTypes } from '../scopes';
import { structuralNodes } from '../structure';

const dictViews = new Set(['items', 'keys', 'values']);
/** Calls that return a one-pass iterator: an inner loop over it continues the outer one's walk. */
const iteratorFactories = ['iter', 'reversed', 'map', 'filter', 'zip', 'enumerate'];

function dottedText(node: Node | null | undefined): string | undefined {
  return node && (node.type === 'identifier' || node.type === 'attribute') ? node.text : undefined;
}

/**
 * The sequence a loop walks, as written: `xs` for `xs`, `enumerate(xs)`, `range(len(xs))`,
 * `range(i + 1, len(xs))` and `xs.items()`. Undefined for anything else.
 */
function sequenceName(iterable: Node | null): string | undefined {
  if (iterable?.type !== 'call') return dottedText(iterable);
  if (isCallTo(iterable, 'enumerate')) return dottedText(positionalArguments(iterable)[0]);
  if (isCallTo(iterable, 'range')) {
    const args = positionalArguments(iterable);
    const stop = args.length === 1 ? args[0] : args[1];
    return stop && isCallTo(stop, 'len') ? dottedText(soleArgument(stop)) : undefined;
  }
  const callee = iterable.childForFieldName('function');
  if (callee?.type === 'attribute' && dictViews.has(callee.childForFieldName('attribute')?.text ?? '')) {
    return dottedText(callee.childForFieldName('object'));
  }
  return undefined;
}

function isIterator(value: Node | undefined): boolean {
  return !!value && (value.type === 'generator_expression' || iteratorFactories.some((name) => isCallTo(value, name)));
}

interface Walk {
  /** The `for` statement or comprehension clause. */
  node: Node;
  sequence?: string;
  iterable: Node;
  start: number;
  end: number;
}

/** A block that repeats what is inside it: a `for` body, or a comprehension and its clauses. */
interface OpenFrame {
  end: number;
  scope?: boolean;
  /** A `for`: its walk and where its body lies. */
  loop?: Walk & { bodyStart: number; bodyEnd: number };
  /** A comprehension: its element expression, its clauses in order, and whether it filters. */
  comprehension?: { bodyStart: number; bodyEnd: number; clauses: Walk[]; filters: boolean };
}

/** The walks that repeat a position: enclosing `for` bodies and the comprehension clauses around it. */
function* walksAround(open: OpenFrame[], position: number): Generator<Walk> {
  for (let index = open.length - 1; index >= 0; index--) {
    const frame = open[index];
    if (frame.scope) return;
    if (frame.loop && frame.loop.bodyStart <= position && position < frame.loop.bodyEnd) yield frame.loop;
    if (frame.comprehension) {
      const { bodyStart, bodyEnd, clauses } = frame.comprehension;
      // The element is evaluated inside every clause; anything else, inside the clauses before it.
      const inElement = bodyStart <= position && position < bodyEnd;
      for (const clause of clauses) if (inElement || clause.end <= position) yield clause;
    }
  }
}

function walkOf(clause: Node): Walk {
  const iterable = clause.childForFieldName('right')!;
  return { node: clause, sequence: sequenceName(iterable), iterable, start: clause.startIndex, end: clause.endIndex };
}

/**
 * Every loop (by node id) that walks the same sequence as a loop around it, with that outer walk.
 * One pass over the file's structural nodes with a stack of open loops: no upward walks in the
 * tree, so deeply nested code costs no more than long code.
 */
function nestedWalks(tree: Tree): Map<number, Walk> {
  const found = new Map<number, Walk>();
  const open: OpenFrame[] = [];
  for (const { node, type, start, end } of structuralNodes(tree)) {
    while (open.length > 0 && start >= open[open.length - 1].end) open.pop();
    if (scopeTypes.has(type)) {
      open.push({ end, scope: true });
    } else if (comprehensionTypes.has(type)) {
      const parts = node.namedChildren.filter((part): part is Node => !!part);
      const body = node.childForFieldName('body');
      const clauses = parts.filter((part) => part.type === 'for_in_clause').map(walkOf);
      const filters = parts.some((part) => part.type === 'if_clause');
      open.push({ end, comprehension: { bodyStart: body?.startIndex ?? start, bodyEnd: body?.endIndex ?? start, clauses, filters } });
    } else if (type === 'for_in_clause') {
      const comprehension = open[open.length - 1]?.comprehension;
      const walk = comprehension?.clauses.find((clause) => clause.start === start);
      // A comprehension without a filter builds all the pairs on purpose (`[a + b for a in s for b in s]`).
      if (!walk?.sequence || !comprehension?.filters) continue;
      const outer = [...walksAround(open, start)].find((around) => around !== walk && around.sequence === walk.sequence);
      if (outer) found.set(node.id, outer);
    } else if (type === 'for_statement') {
      const body = node.childForFieldName('body');
      const walk = walkOf(node);
      if (walk.sequence) {
        for (const around of walksAround(open, start)) {
          if (around.sequence !== walk.sequence) continue;
          found.set(node.id, around);
          break;
        }
      }
      open.push({ end, loop: { ...walk, bodyStart: body?.startIndex ?? end, bodyEnd: body?.endIndex ?? end } });
    }
  }
  return found;
}

const nestedWalksByTree = new WeakMap<Tree, Map<number, Walk>>();

export const nestedLoopSameSequence: Rule = {
  meta: {
    id: 'nested-loop-same-sequence',
    title: 'Nested loops over the same sequence',
    category: 'performance',
    severity: 'hint',
    confidence: 'low',
    aliases: [],
    why: 'A loop over a sequence inside another loop over the same sequence does n * n steps; for a search or a match-up (find the item with this id, the duplicates, the pairs) that grows quadratically.',
    doInstead: 'Index the sequence once in a dict or set (`by_id = {item.id: item for item in items}`) and look items up in the outer loop.',
    languages: ['python'],
  },

  query: `
    (for_statement right: (_) @sequence) @loop
    (for_in_clause right: (_) @sequence) @loop`,

  check(match, context) {
    const loop = match.get('loop')!;
    let walks = nestedWalksByTree.get(loop.tree);
    if (!walks) nestedWalksByTree.set(loop.tree, (walks = nestedWalks(loop.tree)));
    const outer = walks.get(loop.id);
    const name = outer?.sequence;
    // `for token in token:` walks what the outer loop handed it, under the same name.
    if (!outer || !name || loop.childForFieldName('left')?.text === name) return;
    // Two loops over one iterator (`it = iter(xs)`) share a single pass. An iterator is bound
    // just before the loop that uses it, in the same block.
    if (isIterator(precedingBinding(outer.node, name, 1)?.value)) return;
    context.report({
      node: match.get('sequence')!,
      message: `This loop walks \`${name}\` again for every item of the enclosing loop over \`${name}\` (line ${outer.iterable.startPosition.row + 1}): n * n steps. If it looks items up, index \`${name}\` once in a dict or set.`,
    });
  },
};
