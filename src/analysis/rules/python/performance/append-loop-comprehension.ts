import type { Node } from 'web-tree-sitter';
import type { Fix } from '../../../finding';
import type { Rule, RuleMatch } from '../../rule';
import { assignedValue } from '../bindings';
import { isCallTo } from '../calls';
import { enclosingScope } from '../scopes';
import { contains, followingStatements, mentionsAny, namedSiblingsBefore } from '../statements';
import { headerRange, rangeOf } from '../syntax';

/** Expressions that need parentheses as a comprehension's iterable or `if` filter. */
const looseTypes = new Set(['conditional_expression', 'lambda', 'named_expression', 'expression_list']);

function tight(node: Node): string {
  return looseTypes.has(node.type) ? `(${node.text})` : node.text;
}

function isEmptyList(value: Node | undefined): boolean {
  if (!value) return false;
  if (value.type === 'list') return value.namedChildCount === 0;
  return isCallTo(value, 'list') && value.childForFieldName('arguments')?.namedChildCount === 0;
}

/** `result = []` earlier in the loop's block with nothing in between touching `result`. */
function initialisation(loop: Node, list: string): Node | undefined {
  const listName = new Set([list]);
  for (const statement of namedSiblingsBefore(loop)) {
    if (statement.type === 'comment') continue;
    if (isEmptyList(assignedValue(statement, list))) return statement;
    if (mentionsAny(statement, listName)) return undefined;
  }
  return undefined;
}

/**
 * Would a comprehension mean exactly what the loop does? Not in a class body (a comprehension
 * cannot see the class's names), not with `yield` or a `:=` on the loop variable or in the
 * iterable (not allowed there), and not when the loop variables are read afterwards (a loop
 * leaves them set, a comprehension does not).
 */
function isExactAsComprehension(match: RuleMatch, loop: Node): boolean {
  const target = match.get('target')!;
  if (!['identifier', 'pattern_list', 'tuple_pattern'].includes(target.type)) return false;
  if (enclosingScope(loop)?.type === 'class_definition') return false;
  const loopNames = new Set(target.descendantsOfType('identifier').map((name) => name?.text ?? ''));
  const inside = [match.get('item')!, match.get('condition')].filter((part): part is Node => !!part);
  if (inside.some((part) => part.descendantsOfType('yield').length > 0)) return false;
  const walruses = inside.flatMap((part) => part.descendantsOfType('named_expression'));
  if (walruses.some((walrus) => loopNames.has(walrus?.childForFieldName('name')?.text ?? ''))) return false;
  if (match.get('iterable')!.descendantsOfType('named_expression').length > 0) return false;
  for (const statement of followingStatements(loop)) if (mentionsAny(statement, loopNames)) return false;
  return true;
}

/**
 * Replaces `[]` in `result = []` through the end of the loop, when the two are adjacent. A comment
 * of the loop outside the parts the comprehension reuses (`for x in xs:  # why`) moves to the end
 * of the new line; with two or more there is no fix, rather than a line of stacked comments.
 */
function comprehensionFix(match: RuleMatch, loop: Node, init: Node): Fix | undefined {
  const initialValue = init.firstNamedChild?.childForFieldName('right');
  if (!initialValue || !loop.previousNamedSibling?.equals(init) || !isExactAsComprehension(match, loop)) return undefined;
  const condition = match.get('condition');
  const reused = [match.get('item')!, match.get('target')!, match.get('iterable')!, condition].filter((part): part is Node => !!part);
  const dropped = loop.descendantsOfType('comment').filter((comment): comment is Node => !!comment && !reused.some((part) => contains(part, comment)));
  if (dropped.length > 1) return undefined;
  const keyword = loop.firstChild?.type === 'async' ? 'async for' : 'for';
  const filter = condition ? ` if ${tight(condition)}` : '';
  const trailingComment = dropped.length === 1 ? `  ${dropped[0].text}` : '';
  const comprehension = `[${match.get('item')!.text} ${keyword} ${match.get('target')!.text} in ${tight(match.get('iterable')!)}${filter}]${trailingComment}`;
  const range = { start: rangeOf(initialValue).start, end: rangeOf(loop).end };
  // Unsafe: the list is bound only once it is complete, so an item that raises no longer leaves
  // it partly filled for an `except` or `finally` to see.
  return {
    title: 'Build the list with a comprehension',
    edits: [{ range, newText: comprehension }],
    applicability: 'unsafe',
    changes: 'an item that raises no longer leaves the list partly filled',
  };
}

const appendCall = `
  (expression_statement
    (call
      function: (attribute object: (identifier) @list attribute: (identifier) @method)
      arguments: (argument_list . (_) @item .))
    (#eq? @method "append"))`;

export const appendLoopComprehension: Rule = {
  meta: {
    id: 'append-loop-comprehension',
    title: 'Loop that only appends to a new list',
    category: 'performance',
    severity: 'info',
    confidence: 'high',
    aliases: ['PERF401', 'PERF402'],
    why: 'A loop whose only work is `result.append(...)` calls a method per item; a list comprehension builds the same list faster and says so in one line.',
    doInstead: 'Write `result = [f(x) for x in items if keep(x)]`, or `list(items)` for a plain copy.',
    languages: ['python'],
  },

  // The body is the append alone, or the append alone inside one `if` without `else`.
  query: `
    (for_statement
      left: (_) @target
      right: (_) @iterable
      body: (block . ${appendCall} .)
      !alternative) @loop
    (for_statement
      left: (_) @target
      right: (_) @iterable
      body: (block . (if_statement condition: (_) @condition consequence: (block . ${appendCall} .) !alternative) .)
      !alternative) @loop`,

  check(match, context) {
    const list = match.get('list')!.text;
    const item = match.get('item')!;
    if (['list_splat', 'keyword_argument', 'dictionary_splat'].includes(item.type)) return;
    // An item or filter that reads the list being built would see it grow item by item.
    const parts = [match.get('target')!, match.get('iterable')!, item, match.get('condition')];
    if (parts.some((part) => part && mentionsAny(part, new Set([list])))) return;
    const loop = match.get('loop')!;
    const init = initialisation(loop, list);
    if (!init) return;
    context.report({
      range: headerRange(loop),
      message: `This loop only appends to \`${list}\`; build it with a list comprehension.`,
      fix: comprehensionFix(match, loop, init),
    });
  },
};
