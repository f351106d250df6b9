import { taintRule } from './taintRule';

export const commandInjection = taintRule(
  {
    id: 'command-injection',
    title: 'Command injection: untrusted data in a command',
    severity: 'error',
    confidence: 'high',
    cwe: 78,
    why: 'Text from the request becomes part of a shell command (or names the program to run), so `;`, `|` or `$(...)` in it runs commands of the attacker\'s choosing with this process\'s rights.',
    doInstead: 'Run a fixed program with a list of arguments and no shell (`subprocess.run(["convert", path], check=True)`); quote with shlex.quote() only where a shell cannot be avoided; check values against an allow-list.',
  },
  ['subprocess-shell-true', 'start-process-with-shell', 'call-with-shell-true', 'paramiko-exec-command'],
);
