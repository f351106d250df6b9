import { taintRule } from './taintRule';

export const ssrf = taintRule(
  {
    id: 'ssrf',
    title: 'Server-side request forgery: untrusted URL fetched by the server',
    severity: 'error',
    confidence: 'high',
    cwe: 918,
    why: 'The server fetches a URL whose host comes from the request, so an attacker can make it call internal services, cloud metadata endpoints (169.254.169.254) or local files it can reach but they cannot.',
    doInstead: 'Fix the scheme and host in code and let the request choose only a path or query parameter; where hosts must vary, check the parsed host against an allow-list before the request.',
  },
  ['urlopen-unchecked-scheme'],
);
