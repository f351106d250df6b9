import type { Node } from 'web-tree-sitter';
import type { Fix } from '../../../finding';
import { isCredentialName } from '../../../secrets/credentialNames';
import type { Rule, RuleContext } from '../../rule';
import { callQuery, resolveCall } from '../calls';
import { targetName } from '../namedLiterals';
import { enclosingFunction, rangeOf } from '../syntax';

const randomFunctions: ReadonlySet<string> = new Set(
  ['random', 'randint', 'randrange', 'choice', 'choices', 'sample', 'getrandbits', 'randbytes', 'uniform', 'shuffle'].map((name) => `random.${name}`),
);
/** Values that must be unguessable besides credentials: one-time codes, nonces, salts, CSRF tokens. */
const unguessableWords: ReadonlySet<string> = new Set(['nonce', 'salt', 'otp', 'csrf', 'pin', 'passcode']);
const statementBoundaries = new Set(['expression_statement', 'return_statement', 'block', 'module', 'function_definition', 'lambda', 'class_definition']);
/** Enough to climb out of `"".join(random.choice(chars) for _ in range(n))` and similar. */
const maxClimb = 16;

function isSecretName(name: string | undefined): name is string {
  return !!name && isCredentialName(name, unguessableWords);
}

/** The names a value flows into right where it is made: `token = ...`, `f(password=...)`, `{"salt": ...}`. */
function receivingName(call: Node): string | undefined {
  let node: Node | null = call;
  for (let steps = 0; node && steps < maxClimb && !statementBoundaries.has(node.type); steps++, node = node.parent) {
    const parent: Node | null = node.parent;
    if (!parent) break;
    let name: string | undefined;
    if (parent.type === 'assignment' || parent.type === 'augmented_assignment') {
      const target = parent.childForFieldName('left');
      name = target && parent.childForFieldName('right')?.id === node.id ? targetName(target) : undefined;
    } else if (parent.type === 'keyword_argument' && parent.childForFieldName('value')?.id === node.id) {
      name = parent.childForFieldName('name')?.text;
    } else if (parent.type === 'pair' && parent.childForFieldName('value')?.id === node.id) {
      const key = parent.childForFieldName('key');
      name = key ? targetName(key) : undefined;
    }
    if (isSecretName(name)) return `\`${name}\``;
  }
  return undefined;
}

/** What secret the random value is for: the name it is stored in, or the function that makes secrets. */
function secretPurpose(call: Node): string | undefined {
  const receiver = receivingName(call);
  if (receiver) return receiver;
  const functionName = enclosingFunction(call)?.childForFieldName('name')?.text;
  if (functionName?.startsWith('test')) return undefined;
  return isSecretName(functionName) ? `\`${functionName}()\`` : undefined;
}

/** `random.choice(...)` becomes `random.SystemRandom().choice(...)`: the same API, from os.urandom. */
function systemRandomFix(callee: Node, context: RuleContext): Fix | undefined {
  const module = callee.type === 'attribute' ? callee.childForFieldName('object') : undefined;
  if (!module || context.qualifiedName(module) !== 'random') return undefined;
  // Unsafe: the values differ, and a test that seeds the module to get repeatable ones no longer can.
  return {
    title: 'Use random.SystemRandom()',
    edits: [{ range: rangeOf(module), newText: `${module.text}.SystemRandom()` }],
    applicability: 'unsafe',
    changes: 'draws from os.urandom: random.seed() no longer repeats the values',
  };
}

export const insecureRandomForSecrets: Rule = {
  meta: {
    id: 'insecure-random-for-secrets',
    title: 'Predictable random numbers used for a secret',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 338,
    aliases: ['B311', 'S311'],
    why: 'The random module is a Mersenne Twister: after seeing about 600 outputs an attacker can predict every later one, so tokens, passwords, salts or one-time codes made with it can be guessed. Unlike Bandit, this rule reports random only where the value becomes such a secret, not for simulations or jitter.',
    doInstead: 'Use the secrets module: secrets.token_urlsafe(), secrets.token_hex(), secrets.choice(), secrets.randbelow(); or random.SystemRandom(), which has the same methods as random.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const resolved = resolveCall(match, context);
    if (!resolved?.name || !randomFunctions.has(resolved.name)) return;
    const purpose = secretPurpose(resolved.call);
    if (!purpose) return;
    context.report({
      node: resolved.call,
      message: `\`${resolved.name}()\` is predictable, but its result goes into ${purpose}; use the secrets module.`,
      fix: systemRandomFix(resolved.callee, context),
    });
  },
};
