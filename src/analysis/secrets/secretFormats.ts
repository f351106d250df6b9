// Credentials with a recognisable shape (AWS, GitHub, Slack, Google, Stripe keys, PEM private
// keys), told apart from the published examples and filler that share the shape.

export interface SecretFormat {
  description: string;
  pattern: RegExp;
  /** A private key header with no key after it is a marker the code searches for, not a key. */
  needsKeyBody?: boolean;
}

/** Credentials with a recognisable shape; `g` patterns so every occurrence in a string is seen. */
export const secretFormats: readonly SecretFormat[] = [
  { description: 'an AWS access key ID', pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g },
  { description: 'a GitHub token', pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g },
  { description: 'a GitHub fine-grained token', pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9])/g },
  { description: 'a Slack token', pattern: /(?<![A-Za-z0-9])xox[abprs]-\d{6,}-[A-Za-z0-9-]{8,}/g },
  { description: 'a Google API key', pattern: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g },
  { description: 'a Stripe live secret key', pattern: /(?<![A-Za-z0-9])[sr]k_live_[A-Za-z0-9]{24,}/g },
  { description: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g, needsKeyBody: true },
];

/** A line of a PEM body: base64, 64 characters a line (40 is enough to tell). */
const pemBodyLine = /^[A-Za-z0-9+/=]{40,}$/;
/** `Proc-Type: 4,ENCRYPTED` and the like, between a PEM header and its body. */
const pemHeaderField = /^[\w-]+:/;

/** Does a PEM body follow the header? Looks at the first two lines that are not header fields. */
function hasKeyBody(afterHeader: string): boolean {
  const lines = afterHeader
    .split(/\\[nr]|[\r\n]/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !pemHeaderField.test(line));
  return lines.slice(0, 2).some((line) => pemBodyLine.test(line));
}

/**
 * Published example keys (AWS documents `AKIAIOSFODNN7EXAMPLE`) and filler such as `ghp_xxxx...`
 * are not secrets: the part after the prefix must not say EXAMPLE and must vary.
 */
function isExampleCredential(found: string): boolean {
  if (/example/i.test(found)) return true;
  const body = found.replace(/^[A-Za-z]+_|^(?:AKIA|ASIA|AIza)/, '');
  return new Set(body).size < 6;
}

/** The first well-known secret that `value` contains, if any: its format and the text that matched. */
export function knownSecretMatch(value: string): { format: SecretFormat; text: string } | undefined {
  for (const format of secretFormats) {
    for (const found of value.matchAll(format.pattern)) {
      if (format.needsKeyBody) {
        if (hasKeyBody(value.slice((found.index ?? 0) + found[0].length))) return { format, text: found[0] };
      } else if (!isExampleCredential(found[0])) {
        return { format, text: found[0] };
      }
    }
  }
  return undefined;
}

/** The first well-known secret format that `value` contains, if any. */
export function knownSecretFormat(value: string): SecretFormat | undefined {
  return knownSecretMatch(value)?.format;
}
