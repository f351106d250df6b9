import type { Rule } from '../../rule';
import { argumentAt, callQuery, resolveCall } from '../calls';
import { quoted, shellCommandRisk } from '../textRisk';
import { shellFunctions } from './processFunctions';

export const startProcessWithShell: Rule = {
  meta: {
    id: 'start-process-with-shell',
    title: 'Process started through a shell',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 78,
    aliases: ['B605', 'S605'],
    why: 'os.system(), os.popen() and subprocess.getoutput() always pass their text to /bin/sh, so shell syntax in any value pasted into the command runs as commands of its own.',
    doInstead: 'Use subprocess.run() with a list of arguments, e.g. `subprocess.run(["convert", source, target], check=True)`, and read output with capture_output=True.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const { call, name } = resolveCall(match, context)!;
    if (!name || !shellFunctions.has(name)) return;
    const command = argumentAt(call, 0, 'cmd');
    const risk = shellCommandRisk(command, context);
    context.report({
      node: call,
      severity: risk.severity,
      confidence: risk.confidence,
      message: `\`${name}()\` runs ${risk.source}${quoted(command)} through the shell; use subprocess.run() with a list of arguments.`,
    });
  },
};
