import { taintRule } from './taintRule';

export const logInjection = taintRule(
  {
    id: 'log-injection',
    title: 'Log injection: untrusted data written to a log',
    severity: 'info',
    confidence: 'medium',
    cwe: 117,
    why: 'Text from the request goes into a log message; a line break in it writes a fake log entry (a forged "login succeeded" line), and control characters can mislead whoever reads the log in a terminal.',
    doInstead: 'Log the value through repr() or %r, or replace `\\r` and `\\n` before logging; structured (JSON) logging escapes them for you.',
  },
  [],
  { throughUnknownCalls: false },
);
