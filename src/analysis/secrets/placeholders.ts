// Values that are plainly not a working credential: blanks, masks, templates, labels, paths.
// Language-neutral: it reads the literal's text and the name it is stored under.
import { isCredentialNameWord, mentionsCredential, nameWords } from './credentialNames';

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
  const otherWords = words.filter((word) => !isCredentialNameWord(word));
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
