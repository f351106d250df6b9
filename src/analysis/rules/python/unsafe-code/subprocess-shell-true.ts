import type { Rule } from '../../rule';
import { argumentAt, callQuery, passesShellTrue, resolveCall } from '../calls';
import { quoted, shellCommandRisk } from '../textRisk';
import { subprocessFunctions } from './processFunctions';

export const subprocessShellTrue: Rule = {
  meta: {
    id: 'subprocess-shell-true',
    title: 'subprocess call with shell=True',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 78,
    aliases: ['B602', 'S602'],
    why: 'With shell=True the command line is parsed by /bin/sh, so quotes, `;`, `|`, `$(...)` and backticks in any value pasted into it run as extra commands.',
    doInstead: 'Pass the program and its arguments as a list with shell=False (the default), e.g. `subprocess.run(["git", "log", branch])`; if you truly need a shell, quote every value with shlex.quote().',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const { call, name } = resolveCall(match, context)!;
    if (!name || !subprocessFunctions.has(name) || !passesShellTrue(call)) return;
    const command = argumentAt(call, 0, 'args');
    const risk = shellCommandRisk(command, context);
    const advice = risk.severity === 'info' ? 'a fixed command is safe today, but pass a list instead' : 'values in it can run their own commands';
    context.report({
      node: call,
      severity: risk.severity,
      confidence: risk.confidence,
      message: `\`${name}()\` runs ${risk.source}${quoted(command)} through the shell; ${advice}.`,
    });
  },
};
