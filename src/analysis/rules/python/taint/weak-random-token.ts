import { taintRule } from './taintRule';

export const weakRandomToken = taintRule(
  {
    id: 'weak-random-token',
    title: 'Predictable random value used as a secret',
    severity: 'error',
    confidence: 'high',
    cwe: 330,
    why: 'A value from the `random` module (a Mersenne Twister whose state can be recovered from a few outputs) is used as a cookie, a session value, a token or a password: an attacker who sees some of them can predict the others.',
    doInstead: 'Generate secrets with the secrets module (secrets.token_urlsafe(32), secrets.token_hex()), random.SystemRandom() or os.urandom().',
  },
  ['insecure-random-for-secrets'],
  { family: 'random' },
);
