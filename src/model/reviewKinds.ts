// The kinds of weakness a model security review reports, each with the hint its prompt gives.
// Security only: every item must carry a CWE that the verifier can check, and the parse-based
// rules already cover performance and clarity with more certainty than a small model.
export const reviewKinds = {
  authentication: 'a route or action reachable without logging in where it should need it, e.g. one that lacks the login decorator its sibling routes have',
  'access-control': 'who may do what decided by something the caller controls: a request parameter, a form field, an id in the URL',
  'data-exposure': 'secrets, password hashes or personal data returned in a response, written to a log or put in an error message',
  'business-logic': 'a rule of the application that can be bypassed: negative quantities, skipped steps, an action repeated, a check done after the effect',
  injection: 'untrusted input in a query, command, template, file path, URL or evaluated code',
  cryptography: 'weak or missing encryption, hashing, randomness or certificate checks',
  configuration: 'an unsafe setting such as debug mode, permissive CORS or cookies without Secure or HttpOnly',
  other: 'another security weakness',
} as const;

export type ReviewKind = keyof typeof reviewKinds;

export const reviewKindNames = Object.keys(reviewKinds) as ReviewKind[];

/**
 * Kinds the parse-based and taint rules look for. On a line where such a finding already is, an
 * item of one of these kinds is a repeat whatever its CWE; the other kinds are what the rules
 * cannot see, so they repeat a finding only when they name its CWE.
 */
export const kindsTheRulesCover: ReadonlySet<ReviewKind> = new Set(['injection', 'cryptography', 'configuration', 'other']);
