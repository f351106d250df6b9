import type { Rule } from '../../rule';
import { argumentAt, callQuery, lastSegment, resolveCall } from '../calls';
import { quoted, shellCommandRisk } from '../textRisk';

export const paramikoExecCommand: Rule = {
  meta: {
    id: 'paramiko-exec-command',
    title: 'Remote command built at run time (paramiko exec_command)',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 78,
    aliases: ['B601', 'S601'],
    why: "paramiko's exec_command() hands its text to the remote user's shell, so shell syntax in any value pasted into the command runs on the remote host.",
    doInstead: 'Keep the command constant, or quote every value you place in it with shlex.quote(); better, validate values against a strict allow-list first.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const { call, callee } = resolveCall(match, context)!;
    if (callee.type !== 'attribute' || lastSegment(callee) !== 'exec_command') return;
    if (!context.importsModule('paramiko')) return;
    const command = argumentAt(call, 0, 'command');
    const risk = shellCommandRisk(command, context);
    // A constant command cannot carry someone else's shell syntax.
    if (risk.severity === 'info') return;
    context.report({
      node: call,
      severity: risk.severity,
      confidence: risk.confidence,
      message: `\`${callee.text}()\` runs ${risk.source}${quoted(command)} in the remote shell; quote each value with shlex.quote().`,
    });
  },
};
