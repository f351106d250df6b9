// Names that hold credentials: `db_password`, `API_KEY`, `authToken` do; `password_field`,
// `token_type`, `has_password`, `eos_token` do not. Language-neutral: it reads names as words.

/** Words of a name or key: `dbPassword`, `DB_PASSWORD` and `db-password` all give [db, password]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((word) => word.length > 0);
}

/** Words that by themselves name a credential. */
const credentialWords = new Set([
  'password', 'passwd', 'passwort', 'pwd', 'pw', 'passphrase', 'passcode', 'secret', 'token',
  'credential', 'credentials', 'creds', 'apikey', 'privatekey', 'accesskey', 'secretkey',
]);
/** `<word> key` names a credential for these words: api_key, private_key, signing_key. */
const credentialKeyKinds = new Set(['api', 'private', 'secret', 'access', 'signing', 'encryption', 'master', 'auth', 'client', 'app', 'consumer']);

/**
 * Words that, after a credential word, make the name about something else: `password_field`,
 * `token_type`, `secret_key_path`, `PASSWORD_HASHERS` hold a label, a kind, a path, a setting.
 */
const descriptorWords = new Set([
  'field', 'fields', 'label', 'labels', 'name', 'names', 'key', 'keys', 'type', 'types', 'kind', 'prompt', 'hint', 'help',
  'placeholder', 'title', 'message', 'msg', 'url', 'uri', 'urls', 'endpoint', 'path', 'paths', 'file', 'filename', 'dir',
  'directory', 'location', 'route', 'hash', 'hashed', 'hasher', 'hashers', 'digest', 'salt', 'rounds', 'iterations',
  'algorithm', 'algorithms', 'algo', 'scheme', 'method', 'id', 'ids', 'index', 'idx', 'count', 'length', 'len', 'size',
  'min', 'max', 'limit', 'ttl', 'expiry', 'expires', 'expiration', 'lifetime', 'age', 'timeout', 'regex', 're', 'pattern',
  'format', 'fmt', 'template', 'prefix', 'suffix', 'separator', 'sep', 'char', 'chars', 'charset', 'alphabet', 'column',
  'col', 'attr', 'attribute', 'param', 'parameter', 'arg', 'argument', 'option', 'opt', 'flag', 'header', 'cookie',
  'env', 'var', 'variable', 'setting', 'policy', 'rule', 'rules', 'validator', 'validators', 'validation', 'strength',
  'requirements', 'form', 'input', 'widget', 'error', 'errors', 'err', 'exception', 'required', 'enabled', 'disabled',
  'mode', 'style', 'class', 'cls', 'manager', 'provider', 'backend', 'store', 'storage', 'cache', 'service', 'handler',
  'generator', 'factory', 'reset', 'change', 'changed', 'expired', 'display', 'visible', 'hidden', 'show', 'mask',
  'masked', 'context', 'ctx', 'version', 'state', 'status', 'start', 'end', 'begin', 'stop', 'namespace', 'ref',
  'reference', 'selector', 'projection', 'volume', 'used', 'md', 'sha', 'crc', 'content', 'fingerprint', 'checksum', 'source', 'lookup',
  'check', 'checker',
]);

/** Words that, before a credential word, make the name a flag, a count or a fake: `has_password`, `fake_token`. */
const negatingWords = new Set([
  'is', 'has', 'use', 'uses', 'show', 'hide', 'require', 'requires', 'need', 'needs', 'enable', 'disable', 'allow', 'no',
  'check', 'verify', 'validate', 'min', 'max', 'num', 'n', 'len', 'count', 'total', 'forgot', 'should', 'can', 'must',
  'ask', 'prompt', 'invalid', 'wrong', 'bad', 'fake', 'dummy', 'mock', 'example', 'sample', 'placeholder', 'public', 'pub',
]);

/** `eos_token`, `next_token`, `mask_token`: tokens of text, as in tokenizers and language models. */
const textTokenWords = new Set([
  'next', 'prev', 'previous', 'sampled', 'predicted', 'input', 'output', 'pad', 'padding', 'mask', 'unk', 'unknown', 'bos',
  'eos', 'cls', 'sep', 'special', 'start', 'end', 'stop', 'begin', 'first', 'last', 'word', 'sub', 'subword', 'split',
  'lexer', 'parse', 'current', 'cur', 'added',
]);

/** Index of the last word that ends a credential term, or -1. `pass` counts only as the last word. */
function lastCredentialWord(words: readonly string[], isTerm: (words: readonly string[], index: number) => boolean): number {
  for (let index = words.length - 1; index >= 0; index--) if (isTerm(words, index)) return index;
  return -1;
}

function isCredentialTerm(words: readonly string[], index: number, alsoSecret: ReadonlySet<string>): boolean {
  const word = words[index];
  if (credentialWords.has(word) || alsoSecret.has(word)) return true;
  if (word === 'pass') return index === words.length - 1 && index > 0;
  return word === 'key' && index > 0 && credentialKeyKinds.has(words[index - 1]);
}

/** Checks the words around the term at `index`: nothing after it describes, nothing before it negates. */
function termStandsForValue(words: readonly string[], index: number): boolean {
  if (index < 0) return false;
  if (words.slice(index + 1).some((word) => descriptorWords.has(word))) return false;
  const before = words.slice(0, index);
  if (before.some((word) => negatingWords.has(word))) return false;
  return !(words[index] === 'token' && before.some((word) => textTokenWords.has(word)));
}

const noWords: ReadonlySet<string> = new Set();

/**
 * The credential word of a name that holds a credential itself: `db_password`, `API_KEY`,
 * `authToken`, `client_secret` do; `password_field`, `token_type`, `has_password`, `eos_token`,
 * `passwords` do not. Words in `alsoSecret` count as credential words too.
 */
export function credentialTerm(name: string, alsoSecret: ReadonlySet<string> = noWords): string | undefined {
  const words = nameWords(name);
  const index = lastCredentialWord(words, (all, at) => isCredentialTerm(all, at, alsoSecret));
  return termStandsForValue(words, index) ? words[index] : undefined;
}

export function isCredentialName(name: string, alsoSecret: ReadonlySet<string> = noWords): boolean {
  return credentialTerm(name, alsoSecret) !== undefined;
}

/** Words that hint at secret material more loosely: a random-looking value under them is a key. */
const secretHintWords = new Set([
  ...credentialWords, 'pass', 'key', 'salt', 'pepper', 'hmac', 'signature', 'sig', 'auth', 'authorization', 'bearer',
  'jwt', 'nonce', 'otp', 'private', 'dsn', 'cookie', 'session', 'cipher', 'encryption', 'fernet', 'webhook',
]);
/** `<word> key` that is not secret: cache keys, sort keys, database keys. */
const plainKeyKinds = new Set([
  'cache', 'sort', 'primary', 'foreign', 'partition', 'lookup', 'dict', 'map', 'object', 'row', 'table', 'idempotency',
  'dedup', 'routing', 'shard', 'group', 'bucket', 'redis', 'field', 'record', 'item', 'translation', 'message', 'config',
  'registry', 'hot', 'short', 'storage', 'state', 'order', 'unique', 'natural', 'composite', 'index', 'hash',
]);

function isSecretHint(words: readonly string[], index: number): boolean {
  if (!secretHintWords.has(words[index])) return false;
  return !(words[index] === 'key' && index > 0 && plainKeyKinds.has(words[index - 1]));
}

/** A looser test than isCredentialName: `HMAC_KEY`, `signing_salt`, `Authorization` mention a secret. */
export function mentionsSecret(name: string): boolean {
  const words = nameWords(name);
  return termStandsForValue(words, lastCredentialWord(words, isSecretHint));
}

/** Upper snake case for an environment variable: `dbPassword` and `db-password` give `DB_PASSWORD`. */
export function environmentName(name: string): string | undefined {
  const upper = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[A-Z][A-Z0-9_]*$/.test(upper) ? upper : undefined;
}

/** Does the text use a credential word: `Password:`, `X-Auth-Token`, `aws_access_key_id`? (`pass` is too common to count.) */
export function mentionsCredential(text: string): boolean {
  const words = nameWords(text);
  return words.some((word, index) => word !== 'pass' && isCredentialTerm(words, index, noWords));
}

/** A word that by itself, or as `<kind> key`, is part of a credential's name: `password`, `api`, `key`. */
export function isCredentialNameWord(word: string): boolean {
  return credentialWords.has(word) || credentialKeyKinds.has(word) || word === 'key' || word === 'pass';
}

/**
 * Settings that hold a signing key: Django's and Flask's `SECRET_KEY`, `secret_key`, `JWT_SECRET_KEY`,
 * `SIGNING_KEY`, `JWT_SECRET`. Settings are snake case; `SecretKey` is a field of an API (AWS's).
 */
export function isSigningKeyName(name: string): boolean {
  if (!/^[A-Z0-9_]+$/.test(name) && !/^[a-z0-9_]+$/.test(name)) return false;
  const [before, last] = nameWords(name).slice(-2);
  return (last === 'key' && (before === 'secret' || before === 'signing')) || (last === 'secret' && before === 'jwt');
}
