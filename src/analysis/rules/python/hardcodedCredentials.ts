// Credentials written into the code: a literal bound to a credential name that is neither a
// placeholder nor a well-known token format, and the fix that reads it from the environment.
import type { Fix } from '../../finding';
import { credentialTerm, isSigningKeyName } from '../../secrets/credentialNames';
import { type PlaceholderKind, placeholderKind } from '../../secrets/placeholders';
import { knownSecretFormat } from '../../secrets/secretFormats';
import type { RuleContext, RuleMatch } from '../rule';
import { environmentVariableFix } from './fixes';
import { type BindingKind, type NamedLiteral, namedLiteralOf } from './namedLiterals';
import { enclosingSetting, isReplacedAtRunTime, isSettingsModule } from './settingsModules';

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
 * The environment-variable fix where it reads naturally: for a value assigned or passed by keyword,
 * but not for `os.environ["X"] = "..."`, which already sets the variable.
 */
export function credentialFix(found: NamedLiteral, context: RuleContext): Fix | undefined {
  if (found.kind !== 'assignment' && found.kind !== 'keyword') return undefined;
  if (found.target.type === 'subscript' && context.qualifiedName(found.target.childForFieldName('value')) === 'os.environ') return undefined;
  return environmentVariableFix(found.literal, found.name);
}
