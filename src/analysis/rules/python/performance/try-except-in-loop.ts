import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';

/** Statements that end or skip the loop: a `try` around them is flow control, not overhead. */
const loopExitTypes = ['break_statement', 'continue_statement', 'return_statement'];

const maxTryNodes = 5000;

export const tryExceptInLoop: Rule = {
  meta: {
    id: 'try-except-in-loop',
    title: '`try`/`except` inside a loop body',
    category: 'performance',
    severity: 'info',
    confidence: 'medium',
    aliases: ['PERF203'],
    why: 'Setting up a handler on every pass costs time before Python 3.11, and raising and catching an exception per item is slow on any version.',
    doInstead: 'Move the `try` around the whole loop when one failure may end it, or check the condition first (`if key in mapping`, `str.isdigit()`) instead of catching.',
    languages: ['python'],
  },

  query: `
    (for_statement body: (block (try_statement) @try))
    (while_statement body: (block (try_statement) @try))`,

  check(match, context) {
    const statement = match.get('try')!;
    const handlers = statement.namedChildren.filter((child): child is Node => child?.type === 'except_clause');
    if (handlers.length === 0) return; // try/finally only: no handler to set up
    // Looking through a huge try for loop exits costs more than the hint is worth.
    if (statement.descendantCount > maxTryNodes) return;
    // Retry loops (`try: ...; break`) and handlers that `continue` use the try to steer the loop.
    // Nested loops and functions inside the try are not told apart; the rule stays quiet for them too.
    if (statement.descendantsOfType(loopExitTypes).length > 0) return;
    context.report({
      node: statement.firstChild ?? statement,
      message: 'This `try`/`except` is set up on every pass of the loop; wrap the whole loop, or test the condition before acting.',
    });
  },
};
