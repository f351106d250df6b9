// Helpers shared by the secrets and cryptography rules: resolving calls and the constants passed to
// them, telling credential names from names that merely mention one, telling real-looking secrets
// from placeholders and labels, and the fixes that move a secret into the environment.
import type { Node } from 'web-tree-sitter';
import type { Fix, Range } from '../../../finding';
import type { RuleContext, RuleMatch } from '../../rule';
import { enclosingSetting, isReplacedAtRunTime, isSettingsModule } from '../settingsModules';
import { callArguments, callQuery, isStringNode, keywordValue, positionalArguments, rangeOf, stringValue } from '../syntax';

// ---------------------------------------------------------------------------------------------
// Calls and constants

export interface ResolvedCall {
  call: Node;
  callee: Node;
  /** Fully qualified name through the file's imports; undefined for `f()()` and the like. */
  name: string | undefined;
}

/** The call of a `callQuery` match (or of the call pattern in `tlsSettingsQuery`). */
export function resolveCall(match: RuleMatch, context: RuleContext): ResolvedCall | undefined {
  const call = match.get('call');
  const callee = match.get('callee');
  if (!call || !callee) return undefined;
  return { call, callee, name: context.qualifiedName(callee) };
}

/** The positional argument at `index`, or else the keyword argument `name`. */
export function argumentAt(call: Node, index: number, name: string): Node | undefined {
  return positionalArguments(call)[index] ?? keywordValue(call, name);
}

/** The value of every positional and keyword argument. */
export function argumentValues(call: Node): Node[] {
  return callArguments(call).flatMap((arg) => {
    if (arg.type === 'keyword_argument') return arg.childForFieldName('value') ?? [];
    return arg.type === 'list_splat' || arg.type === 'dictionary_splat' ? [] : [arg];
  });
}

/** Last segment of a name or attribute chain as written (`MODE_ECB` for `AES.MODE_ECB`). */
export function lastSegment(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text;
  return undefined;
}

/**
 * The qualified name of `node` when it names one of `constants` (by full name, e.g. `ssl.CERT_NONE`).
 * The written last segment is checked first so that most nodes are never resolved.
 */
export function constantNamed(node: Node, constants: ReadonlyMap<string, unknown> | ReadonlySet<string>, context: RuleContext): string | undefined {
  const segment = lastSegment(node);
  if (!segment || !lastSegments(constants).has(segment)) return undefined;
  const name = context.qualifiedName(node);
  return name && constants.has(name) ? name : undefined;
}

const segmentCache = new WeakMap<object, Set<string>>();

function lastSegments(constants: ReadonlyMap<string, unknown> | ReadonlySet<string>): Set<string> {
  let segments = segmentCache.get(constants);
  if (!segments) {
    segments = new Set([...constants.keys()].map((name) => name.slice(name.lastIndexOf('.') + 1)));
    segmentCache.set(constants, segments);
  }
  return segments;
}

/** Every `module.NAME` spelled under each of `modules` (`Crypto.Cipher` and `Cryptodome.Cipher`). */
export function underModules(modules: readonly string[], names: readonly string[]): string[] {
  return modules.flatMap((module) => names.map((name) => `${module}.${name}`));
}

/** pycryptodome installs as `Crypto` or, side by side with the old PyCrypto, as `Cryptodome`. */
export const pycryptodomePackages = ['Crypto', 'Cryptodome'];

/**
 * Calls, plus the two other places where TLS settings are made: assigning an SSL context's
 * attributes and defaulting a parameter to a protocol constant. Shared by the TLS rules.
 */
export const tlsSettingsQuery = `${callQuery}
(assignment left: (attribute attribute: (identifier) @setting) right: (_) @value (#any-of? @setting "check_hostname" "verify" "verify_mode" "minimum_version" "maximum_version" "_create_default_https_context")) @assignment
(default_parameter value: (attribute) @value) @parameter
(typed_default_parameter value: (attribute) @value) @parameter`;

/** Integer value of a literal such as `1024` or `2_048`; undefined for anything computed. */
export function integerValue(node: Node | undefined): number | undefined {
  if (node?.type !== 'integer') return undefined;
  const value = Number(node.text.replace(/_/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

// ---------------------------------------------------------------------------------------------
// Names

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

// ---------------------------------------------------------------------------------------------
// Literal values

/** `<password>`, `<your key>`: a blank for a person to fill in. */
const angleBracketPlaceholder = /^<[^<>]*>$/;
const templatePatterns = [
  /^\{\{?[^{}]*\}?\}$/, // {password}, {{ password }}
  /^\$\{[^}]*\}$/, // ${PASSWORD}
  /^\$[A-Za-z_]\w*$/, // $PASSWORD
  /^%\([^)]*\)[sd]$/, // %(password)s
  /^\[[A-Za-z_ ]+\]$/, // [REDACTED], [MASK]
];
const formatMarkers = /%[sd]|%\([^)]*\)[sd]|\{\d*\}|\{\{/;
/** A rate limit such as `"5/m"` (django-allauth, django-ratelimit): how often, not a secret. */
const rateLimit = /^\d+\s*\/\s*(?:s|m|h|d|sec|min|hour|day)$/i;
const placeholderWords = new Set([
  'todo', 'tbd', 'fixme', 'none', 'null', 'nil', 'undefined', 'na', 'notset', 'unset', 'empty', 'missing', 'default',
  'foo', 'bar', 'baz', 'qux', 'quux', 'foobar', 'spam', 'eggs',
  // Settings that switch a credential on or off, not the credential: MODULE_PWD_STATE = "yes".
  'yes', 'no', 'true', 'false', 'on', 'off', 'enabled', 'disabled', 'required', 'optional', 'auto', 'manual',
]);
/** Words inside a value that announce it is not real: `example-key`, `dummy_token`. */
const placeholderMarkers = /example|placeholder|dummy|redacted|notreal|notasecret|replaceme|fillme|insert|yourown/;
/** Auth schemes and token kinds: `token = "Bearer"` names a kind of token. */
const tokenKindWords = new Set([
  'bearer', 'basic', 'digest', 'jwt', 'oauth', 'mac', 'hawk', 'negotiate', 'ntlm', 'refresh', 'access', 'session', 'cookie',
  'header', 'query', 'id', 'apikey', 'token',
]);
const labelCharacters = /^[A-Za-z\s_\-./:?()'!,#]+$/;
const identifierLike = /^[A-Za-z][\w.\-:/#]*$/;
const pathOrUrl = /^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\|[a-z][a-z0-9+.-]*:\/\/)/i;
const fileName = /^[\w./\\-]+\.(?:json|ya?ml|pem|key|crt|cer|p12|pfx|txt|env|ini|cfg|conf|toml|der|pub|gpg|asc|jks|keystore)$/i;
const hostName = /^(?:[a-z0-9-]+\.)+[a-z]{2,}$/i;
const environmentVariableName = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
/** `\x02`, `\n`, `\u00e9`: one character each once Python reads the literal. */
const escapeSequence = /\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|.)/g;

/** Does the text use a credential word: `Password:`, `X-Auth-Token`, `aws_access_key_id`? (`pass` is too common to count.) */
export function mentionsCredential(text: string): boolean {
  const words = nameWords(text);
  return words.some((word, index) => word !== 'pass' && isCredentialTerm(words, index, noWords));
}

const lettersAndDigits = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The bound name itself as the value: `access_key = "access_key"`, `"PASSWORD": "password"`. */
function isOwnName(value: string, boundName: string): boolean {
  return identifierLike.test(value) && boundName !== '' && lettersAndDigits(value) === lettersAndDigits(boundName);
}

/**
 * A value that names something rather than being a secret: the bound name's own words
 * (`access_key = "access_key"`, `"subject_token": "subject_token_0"`), or a credential word among
 * others (`"aws_access_key_id"`, `"V1SecretReference"`). A bare `password123` is still a password.
 */
function isNameOfSomething(value: string, boundName: string): boolean {
  if (!identifierLike.test(value)) return false;
  const words = nameWords(value);
  const nameWordSet = new Set(nameWords(boundName));
  // Two words or more: `admin_password = "admin"` is still a (weak) password.
  if (words.length > 1 && words.every((word) => nameWordSet.has(word))) return true;
  const otherWords = words.filter((word) => !credentialWords.has(word) && !credentialKeyKinds.has(word) && word !== 'key' && word !== 'pass');
  return mentionsCredential(value) && otherWords.length > 0;
}

/**
 * Why a literal is plainly not a working credential, or undefined when it may be one. `empty`;
 * `mask` (`***`, `aaaa`); `short` (under 3 characters); `text` (several lines); `template`
 * (`${PASSWORD}`, `{password}`, `%(password)s`); `placeholder` (`your-api-key-here`, `<token>`,
 * `TODO`, `foo`); `label` (`Password:`, `X-Auth-Token`, `Bearer`, `DB_PASSWORD`, a sentence, a name
 * such as `aws_access_key_id`); `own-name` (the bound name's own words: `"password": "password"`);
 * `path` (a path, URL, file or host name). `placeholder` is split off as `word` for a bare filler
 * word (`TODO`, `foo`, `default`, `yes`), which a signing key may really be. `boundName` is the name
 * the value is stored under.
 */
export type PlaceholderKind = 'empty' | 'mask' | 'short' | 'text' | 'template' | 'placeholder' | 'word' | 'label' | 'own-name' | 'path';

export function placeholderKind(value: string, boundName = ''): PlaceholderKind | undefined {
  const trimmed = value.trim();
  const unescaped = trimmed.replace(escapeSequence, '\u0001');
  if (trimmed.length === 0) return 'empty';
  if (!/[A-Za-z0-9]/.test(unescaped)) return 'mask';
  if (unescaped.length < 3) return 'short';
  // Passwords have no line breaks; multi-line text is a template or a table (PEM keys are another rule's).
  if (/[\r\n]/.test(trimmed)) return 'text';
  if (/^(.)\1*$/s.test(trimmed) || /^[*xX•.#?_\-\s]+$/.test(trimmed)) return 'mask';
  if (angleBracketPlaceholder.test(trimmed)) return 'placeholder';
  if (templatePatterns.some((pattern) => pattern.test(trimmed)) || formatMarkers.test(trimmed)) return 'template';
  const letters = trimmed.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (tokenKindWords.has(letters)) return 'label';
  if (placeholderWords.has(letters)) return 'word';
  if (placeholderMarkers.test(letters)) return 'placeholder';
  if (letters.startsWith('your') || letters.startsWith('enter') || letters.startsWith('replace') || letters.endsWith('here')) return 'placeholder';
  if (isOwnName(trimmed, boundName)) return 'own-name';
  // Labels and field names mention the credential and have no digits: "password123" is a password.
  if (labelCharacters.test(trimmed) && mentionsCredential(trimmed)) return 'label';
  if (isNameOfSomething(trimmed, boundName) || environmentVariableName.test(trimmed)) return 'label';
  if (pathOrUrl.test(trimmed) || fileName.test(trimmed) || hostName.test(trimmed)) return 'path';
  if (rateLimit.test(trimmed)) return 'label';
  return /\s/.test(trimmed) && /[.:?!]$/.test(trimmed) ? 'label' : undefined;
}

/** Is this literal plainly not a working credential? See placeholderKind() for the kinds. */
export function isPlaceholderSecret(value: string, boundName = ''): boolean {
  return placeholderKind(value, boundName) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Literals bound to names

/**
 * A string literal and the name it is bound to, in every form the hardcoded-secret rules read.
 * Rules with this exact query share its patterns.
 */
export const namedLiteralQuery = `(assignment left: (_) @name right: [(string) (concatenated_string)] @literal) @site
(pair key: (string) @name value: [(string) (concatenated_string)] @literal) @site
(keyword_argument name: (identifier) @name value: [(string) (concatenated_string)] @literal) @site
(default_parameter name: (identifier) @name value: [(string) (concatenated_string)] @literal) @site
(typed_default_parameter name: (identifier) @name value: [(string) (concatenated_string)] @literal) @site
(comparison_operator) @site`;

export type BindingKind = 'assignment' | 'dictionary' | 'comparison' | 'keyword' | 'default';

export interface NamedLiteral {
  kind: BindingKind;
  /** The name as the code spells it: `db_password`, `password` for `self.password` or `cfg["password"]`. */
  name: string;
  /** The node that names it: identifier, attribute, subscript or dictionary key. */
  target: Node;
  literal: Node;
  /** The literal's text, escapes as written. */
  value: string;
}

const bindingKinds: Record<string, BindingKind> = {
  assignment: 'assignment',
  pair: 'dictionary',
  comparison_operator: 'comparison',
  keyword_argument: 'keyword',
  default_parameter: 'default',
  typed_default_parameter: 'default',
};

/**
 * A string key that reads as a name: `"password"`, `"X-Api-Key"`, `"db.password"`; not a type
 * such as `"AWS::IAM::AccessKey"` or a sentence.
 */
function keyName(key: Node): string | undefined {
  const text = stringValue(key);
  return text !== undefined && /^[A-Za-z_][\w.\-]*$/.test(text) ? text : undefined;
}

/** The name a target stands for: `x`, `obj.x` and `obj["x"]` all give `x`. */
export function targetName(target: Node): string | undefined {
  switch (target.type) {
    case 'identifier':
      return target.text;
    case 'attribute':
      return target.childForFieldName('attribute')?.text;
    case 'subscript': {
      const keys = target.childrenForFieldName('subscript');
      return keys.length === 1 && keys[0] ? keyName(keys[0]) : undefined;
    }
    case 'string':
      return keyName(target);
    default:
      return undefined;
  }
}

/** `password == "x"` or `"x" == password`: the named side and the literal side. */
function comparedLiteral(comparison: Node): { target: Node; literal: Node } | undefined {
  const operands = comparison.namedChildren.filter((child): child is Node => !!child);
  const operators = comparison.childrenForFieldName('operators');
  if (operands.length !== 2 || operators.length !== 1 || !['==', '!='].includes(operators[0]!.type)) return undefined;
  const [left, right] = operands;
  // Which side is the literal is told by its type; its value is read only for a wanted name.
  if (isStringNode(right)) return { target: left, literal: right };
  if (isStringNode(left)) return { target: right, literal: left };
  return undefined;
}

/**
 * The literal of a `namedLiteralQuery` match and what it is bound to; undefined for f-strings and
 * for names that `wanted` turns down (checked before the literal is read: most names are not wanted).
 */
export function namedLiteralOf(match: RuleMatch, wanted: (name: string) => boolean = () => true): NamedLiteral | undefined {
  const site = match.get('site');
  const kind = site && bindingKinds[site.type];
  if (!site || !kind) return undefined;
  const parts = kind === 'comparison' ? comparedLiteral(site) : { target: match.get('name'), literal: match.get('literal') };
  if (!parts?.target || !parts.literal) return undefined;
  const name = targetName(parts.target);
  if (name === undefined || !wanted(name)) return undefined;
  const value = stringValue(parts.literal);
  if (value === undefined) return undefined;
  return { kind, name, target: parts.target, literal: parts.literal, value };
}

// ---------------------------------------------------------------------------------------------
// Known secret formats

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

// ---------------------------------------------------------------------------------------------
// Fixes

function collapsed(position: Range['start']): Range {
  return { start: position, end: position };
}

/** Does the module import `os` by that name (`import os`, `import os.path`)? */
function importsOsModule(root: Node): boolean {
  return root.namedChildren.some(
    (statement) =>
      statement?.type === 'import_statement' &&
      statement.childrenForFieldName('name').some((name) => name?.type === 'dotted_name' && name.firstNamedChild?.text === 'os'),
  );
}

function isDocstring(statement: Node): boolean {
  return statement.type === 'expression_statement' && statement.namedChildCount === 1 && statement.firstNamedChild?.type === 'string';
}

/** Inserts `import os` after the module docstring and `from __future__` imports. */
function importOsEdit(root: Node): Fix['edits'][number] {
  let previous: Node | undefined;
  for (const statement of root.namedChildren) {
    if (!statement || statement.type === 'comment') continue;
    const isPreamble = statement.type === 'future_import_statement' || (!previous && isDocstring(statement));
    if (!isPreamble) return { range: collapsed(rangeOf(statement).start), newText: 'import os\n' };
    previous = statement;
  }
  return previous ? { range: collapsed(rangeOf(previous).end), newText: '\nimport os' } : { range: collapsed({ line: 0, column: 0 }), newText: 'import os\n' };
}

/**
 * Replaces a hardcoded secret with `os.environ["NAME"]`, NAME being the upper snake case of the
 * name it was bound to, and imports `os` when the module does not yet. Unsafe: the value now comes
 * from the environment when the line runs, and a missing variable raises KeyError there.
 */
export function environmentVariableFix(literal: Node, boundName: string): Fix | undefined {
  const variable = environmentName(boundName);
  if (!variable) return undefined;
  const edits: Fix['edits'] = [{ range: rangeOf(literal), newText: `os.environ["${variable}"]` }];
  const root = literal.tree.rootNode;
  if (!importsOsModule(root)) edits.push(importOsEdit(root));
  return {
    title: `Read ${variable} from the environment`,
    edits,
    applicability: 'unsafe',
    changes: `reads ${variable} from the environment at run time; KeyError if it is unset`,
  };
}

/**
 * Removes a keyword argument with its comma: the whole line when it stands alone on one, else the
 * comma after it (or, for the last argument, the one before it). Always unsafe: the call then
 * takes the default, and `changes` says what that does.
 */
export function removeArgumentFix(argument: Node, text: string, title: string, changes: string): Fix {
  const fix = (range: Range): Fix => ({ title, edits: [{ range, newText: '' }], applicability: 'unsafe', changes });
  const previous = argument.previousSibling;
  const next = argument.nextSibling;
  const lineStart = text.lastIndexOf('\n', argument.startIndex - 1) + 1;
  const aloneOnLine = /^[ \t]*$/.test(text.slice(lineStart, argument.startIndex));
  const trailing = next?.type === ',' ? next : undefined;
  const end = trailing ? rangeOf(trailing).end : rangeOf(argument).end;
  const restOfLine = text.slice(trailing ? trailing.endIndex : argument.endIndex).match(/^[ \t]*(\r?\n)?/)![0];
  if (aloneOnLine && restOfLine.endsWith('\n')) {
    return fix({ start: { line: argument.startPosition.row, column: 0 }, end: { line: argument.startPosition.row + 1, column: 0 } });
  }
  if (trailing) {
    const spaces = restOfLine.endsWith('\n') ? 0 : restOfLine.length;
    return fix({ start: rangeOf(argument).start, end: { line: end.line, column: end.column + spaces } });
  }
  if (previous?.type === ',') return fix({ start: rangeOf(previous).start, end });
  return fix(rangeOf(argument));
}

// ---------------------------------------------------------------------------------------------
// Hardcoded credentials

export interface HardcodedCredential extends NamedLiteral {
  /** A placeholder that a settings module uses as it is (nothing replaces it at run time): reported, unsure. */
  unreplacedPlaceholder?: PlaceholderKind;
}

/** Placeholders that a settings module still hands to the framework: masks, `<blanks>`, `"PASSWORD": "password"`. */
const reportableInSettings: ReadonlySet<PlaceholderKind> = new Set(['mask', 'placeholder', 'word', 'own-name']);

/**
 * Is this placeholder the value a settings module really uses: the module sets known settings, the
 * literal is a module-level setting (or inside one, as `DATABASES`), and no computed value (from
 * `os.environ`, a call) replaces that setting?
 */
function isUnreplacedSettingsPlaceholder(found: NamedLiteral, kind: PlaceholderKind): boolean {
  if (!reportableInSettings.has(kind) || (found.kind !== 'assignment' && found.kind !== 'dictionary')) return false;
  if (found.kind === 'assignment' && found.target.type !== 'identifier') return false;
  const setting = enclosingSetting(found.literal);
  return !!setting && isSettingsModule(found.literal) && !isReplacedAtRunTime(found.literal, setting);
}

/** Credential words that name a password proper: compared with any word, they are a password check. */
const passwordTerms = new Set(['password', 'passwd', 'passwort', 'pwd', 'pw', 'passphrase', 'passcode']);

/**
 * The literal of a `namedLiteralQuery` match when it is a credential written into the code: bound
 * to a credential name (isCredentialName), not a placeholder or label (isPlaceholderSecret) unless a
 * settings module uses it as it is, and not a well-known token format, which hardcoded-secret-format
 * reports with a sharper message. Signing-key settings (`SECRET_KEY`) are hardcoded-secret-key's.
 */
export function hardcodedCredential(match: RuleMatch, kinds: readonly BindingKind[]): HardcodedCredential | undefined {
  const found = namedLiteralOf(match, (name) => credentialTerm(name) !== undefined);
  if (!found || !kinds.includes(found.kind)) return undefined;
  if (found.kind !== 'comparison' && found.kind !== 'default' && isSigningKeyName(found.name)) return undefined;
  const term = credentialTerm(found.name);
  if (!term || knownSecretFormat(found.value)) return undefined;
  const placeholder = placeholderKind(found.value, found.name);
  if (placeholder) return isUnreplacedSettingsPlaceholder(found, placeholder) ? { ...found, unreplacedPlaceholder: placeholder } : undefined;
  // Parsers compare tokens with keywords (`token == "def"`); real tokens are long and have digits.
  if (term === 'token' && !/\d/.test(found.value) && found.value.length < 16) return undefined;
  if (found.kind === 'comparison' && isKeywordLike(found.value, term)) return undefined;
  return found;
}

const pythonKeywords = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/**
 * A keyword, or a short lower-case word compared with a name that is not a password proper: what a
 * parser or a protocol compares a field with (`user_pass == "git"`). `password == "letmein"` is a
 * password check however short the word.
 */
function isKeywordLike(value: string, term: string): boolean {
  return pythonKeywords.has(value) || (!passwordTerms.has(term) && /^[a-z]+$/.test(value) && value.length < 8);
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

/**
 * How a message shows a secret: weak and short values in full (seeing them is the point), others
 * by their first characters only, so that reports and logs do not spread a working key.
 */
export function secretPreview(value: string, showAll = false): string {
  if (showAll || value.length <= 8) return `'${value}'`;
  return `'${value.slice(0, 4)}…', ${value.length} characters long`;
}

/**
 * The environment-variable fix where it reads naturally: for a value assigned or passed by keyword,
 * but not for `os.environ["X"] = "..."`, which already sets the variable.
 */
export function credentialFix(found: NamedLiteral, context: RuleContext): Fix | undefined {
  if (found.kind !== 'assignment' && found.kind !== 'keyword') return undefined;
  if (found.target.type === 'subscript' && context.qualifiedName(found.target.childForFieldName('value')) === 'os.environ') return undefined;
  return environmentVariableFix(found.literal, found.name);
}
