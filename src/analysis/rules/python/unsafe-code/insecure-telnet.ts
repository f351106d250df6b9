import { callsRule } from '../calls';
import { snippet } from '../syntax';

export const insecureTelnet = callsRule(
  {
    id: 'insecure-telnet',
    title: 'Telnet connection (unencrypted)',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 319,
    aliases: ['B312', 'S312'],
    why: 'Telnet sends everything, passwords included, as plain text that anyone on the network path can read or alter. (telnetlib is also removed from Python 3.13.)',
    doInstead: 'Use SSH, for example with paramiko or asyncssh, and verify the host key.',
    languages: ['python'],
  },
  new Set(['telnetlib.Telnet']),
  (_name, call) => `\`${snippet(call)}\` sends credentials and data unencrypted; connect over SSH instead.`,
);
