import { taintRule } from './taintRule';

export const trustBoundaryViolation = taintRule(
  {
    id: 'trust-boundary-violation',
    title: 'Trust boundary: untrusted data stored in the session',
    severity: 'warning',
    confidence: 'high',
    cwe: 501,
    why: 'A value from the request is stored in the session, where the rest of the code treats it as set by the server: later checks that read it (a role, a user id, a verified flag) trust what the client sent.',
    doInstead: 'Validate the value (type, range, allow-list) before storing it, or store only values the server computed; keep request data out of the session unless it is marked as unverified.',
  },
  [],
  { throughUnknownCalls: false },
);
