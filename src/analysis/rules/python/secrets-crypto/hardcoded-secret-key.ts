import type { Node } from 'web-tree-sitter';
import { isCredentialName, isSigningKeyName } from '../../../secrets/credentialNames';
import { placeholderKind } from '../../../secrets/placeholders';
import { secretPreview } from '../../../secrets/preview';
import type { Rule, RuleContext } from '../../rule';
import { valueBoundTo } from '../bindings';
import { argumentAt, callQuery, keywordValue, resolveCall } from '../calls';
import { credentialFix } from '../hardcodedCredentials';
import { type NamedLiteral, namedLiteralOf, namedLiteralQuery } from '../namedLiterals';
import { enclosingSetting, isDevelopmentOrDefaultSettingsPath, isReplacedAtRunTime, isSettingsModule } from '../settingsModules';
import { stringValue } from '../strings';
import { isFalse } from '../syntax';

/** PyJWT and python-jose: encode(payload, key, ...) and decode(token, key, ...). */
const jwtFunctions = new Set(['jwt.encode', 'jwt.decode', 'jwt.api_jwt.encode', 'jwt.api_jwt.decode', 'jose.jwt.encode', 'jose.jwt.decode']);
/** Algorithms whose decode key is a public key, which may well be written into the code. */
const asymmetricAlgorithm = /^(?:RS|PS|ES)\d+K?$|^EdDSA$/;

/** Why a key is weak: one character over and over, few characters, or words anyone could guess. */
function keyWeakness(value: string): string | undefined {
  const distinct = new Set(value).size;
  if (distinct === 1) return 'one character repeated';
  if (value.length < 16) return `only ${value.length} characters`;
  if (distinct < 5) return `only ${distinct} different characters`;
  // One separator between words, never optional: an optional one makes the pattern backtrack for ever.
  if (/^[A-Za-z]+(?:[-_. ][A-Za-z]+)*[-_]?\d{0,4}$/.test(value)) return 'made of words';
  return undefined;
}

interface KeyLiteral {
  /** How the message names where the key goes: `` `SECRET_KEY` `` or `` `jwt.encode()` ``. */
  subject: string;
  literal: Node;
  value: string;
  /** The setting it belongs to at module level, when it is one. */
  setting?: string;
}

function report(key: KeyLiteral, context: RuleContext, fix?: ReturnType<typeof credentialFix>): void {
  const { subject, literal, value, setting } = key;
  const kind = placeholderKind(value);
  if (kind === 'empty' || kind === 'template' || kind === 'path' || kind === 'text') return;
  const inSettings = !!setting && isSettingsModule(literal);
  const replaced = !!setting && isReplacedAtRunTime(literal, setting);
  if (kind === 'placeholder') {
    // A placeholder elsewhere is an example; in a settings module that keeps it, it is the key in use.
    if (!inSettings || replaced) return;
    context.report({ node: literal, severity: 'info', confidence: 'low', message: `${subject} is ${secretPreview(value, true)}, a placeholder, and nothing in this settings module replaces it at run time.` });
    return;
  }
  const development = inSettings && isDevelopmentOrDefaultSettingsPath(context.filePath);
  const weakness = keyWeakness(value);
  if (replaced) {
    context.report({ node: literal, severity: 'info', confidence: 'low', message: `${subject} starts as the literal ${secretPreview(value, !!weakness)} and is replaced at run time only on some paths; make the environment its only source.` });
  } else if (weakness) {
    context.report({
      node: literal,
      severity: development ? 'info' : 'error',
      confidence: 'high',
      message: `${subject} is the literal ${secretPreview(value, true)}, a weak key (${weakness}); anyone can guess it and sign sessions or tokens with it.`,
      fix,
    });
  } else {
    const marked = value.startsWith('django-insecure-') ? ', which Django itself marks as insecure' : '';
    context.report({
      node: literal,
      severity: development ? 'info' : 'warning',
      message: `${subject} is the literal ${secretPreview(value)}${marked}; anyone with the source can sign sessions or tokens as the server.`,
      fix,
    });
  }
}

/** `SECRET_KEY = "..."`, `app.secret_key = "..."`, `app.config["SECRET_KEY"] = "..."`, `config.update(SECRET_KEY="...")`. */
function checkSetting(found: NamedLiteral, context: RuleContext): void {
  if (found.kind === 'comparison' || found.kind === 'default') return;
  const isSetting = (found.kind === 'assignment' && found.target.type === 'identifier') || found.kind === 'dictionary';
  const setting = isSetting ? enclosingSetting(found.literal) : undefined;
  // As written: `app.secret_key`, `app.config["SECRET_KEY"]`; a dictionary key or keyword by its name.
  const subject = found.kind === 'assignment' ? found.target.text : found.name;
  report({ subject: `\`${subject}\``, literal: found.literal, value: found.value, setting }, context, credentialFix(found, context));
}

/** Is signature checking off in this call? Then jwt-verification-disabled has the finding. */
function skipsVerification(call: Node): boolean {
  if (isFalse(keywordValue(call, 'verify'))) return true;
  const options = keywordValue(call, 'options');
  return !!options && /["']verify_signature["']\s*:\s*False/.test(options.text);
}

/** decode() that accepts only RSA, ECDSA or EdDSA tokens is given a public key. */
function takesPublicKey(call: Node): boolean {
  const algorithms = keywordValue(call, 'algorithms');
  if (algorithms?.type !== 'list' && algorithms?.type !== 'tuple') return false;
  const names = algorithms.namedChildren.map((item) => (item ? stringValue(item) : undefined));
  return names.length > 0 && names.every((name) => !!name && asymmetricAlgorithm.test(name));
}

/** `jwt.encode(payload, "secret")`, `jwt.decode(token, key=KEY)` with `KEY = "secret"` in the file. */
function checkJwtCall(call: Node, name: string, context: RuleContext): void {
  const key = argumentAt(call, 1, 'key');
  if (!key || skipsVerification(call) || (name.endsWith('.decode') && takesPublicKey(call))) return;
  let literal: Node | undefined = key;
  let via = '';
  if (key.type === 'identifier') {
    // A credential-named constant is reported where it is assigned; a plain `KEY = "..."` is reported here.
    if (isCredentialName(key.text) || isSigningKeyName(key.text)) return;
    literal = valueBoundTo(key);
    via = ` (\`${key.text}\`)`;
  }
  const value = literal ? stringValue(literal) : undefined;
  // PEM text is a public key (fine) or a private key (hardcoded-secret-format's).
  if (!literal || value === undefined || value.includes('-----BEGIN')) return;
  const written = call.childForFieldName('function')?.text ?? name;
  const use = name.endsWith('.encode') ? 'signs with' : 'checks signatures with';
  report({ subject: `The key \`${written}()\` ${use}${via}`, literal: key, value }, context);
}

export const hardcodedSecretKey: Rule = {
  meta: {
    id: 'hardcoded-secret-key',
    title: 'Signing key written into the code',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 798,
    aliases: ['B105', 'S105', 'B106', 'S106'],
    why: 'Django\'s and Flask\'s SECRET_KEY and the keys given to jwt.encode() sign sessions, password-reset links, CSRF tokens and JWTs. Anyone who has the key, from the repository, its history or a copy of the package, can sign their own and be any user; a weak key (`"secret"`, `"aaaaaaa"`) can be guessed without the source.',
    doInstead: 'Generate a long random key (`python -c "import secrets; print(secrets.token_urlsafe(50))"`), keep it out of the code and read it at run time: `SECRET_KEY = os.environ["SECRET_KEY"]`. Rotate a key that was ever committed.',
    languages: ['python'],
  },

  mentions: /secret|signing|jwt|jose/i,
  query: `${namedLiteralQuery}\n${callQuery}`,

  check(match, context) {
    const callee = match.get('callee');
    if (callee) {
      const name = context.qualifiedName(callee);
      if (name && jwtFunctions.has(name)) checkJwtCall(resolveCall(match, context)!.call, name, context);
      return;
    }
    const found = namedLiteralOf(match, isSigningKeyName);
    if (found) checkSetting(found, context);
  },
};
