import type { Rule } from '../../rule';
import { callQuery, passesShellTrue, resolveCall } from '../calls';

export const callWithShellTrue: Rule = {
  meta: {
    id: 'call-with-shell-true',
    title: 'Function call with shell=True',
    category: 'security',
    severity: 'warning',
    confidence: 'low',
    cwe: 78,
    aliases: ['B604', 'S604'],
    why: 'A `shell=True` argument usually means the function hands its command line to a shell (a wrapper around subprocess, a task runner), where quotes, `;` and `$(...)` in any value run as extra commands.',
    doInstead: 'Call the wrapper with a list of arguments and shell=False, or quote every value placed in the command with shlex.quote().',
    languages: ['python'],
  },

  mentions: /\bshell\b/,
  query: callQuery,

  check(match, context) {
    const { call, callee, name } = resolveCall(match, context)!;
    if (!passesShellTrue(call)) return;
    // subprocess itself is subprocess-shell-true's business; dict(shell=True) and
    // shell_quote(arg, shell=True) build data, they run nothing.
    if (name?.startsWith('subprocess.') || name === 'dict' || /quote|escape/i.test(name ?? '')) return;
    const subject = `\`${callee.text}()\``;
    context.report({
      node: call,
      message: `${subject} is asked to run its command through a shell; make sure no value in it comes from user input.`,
    });
  },
};
