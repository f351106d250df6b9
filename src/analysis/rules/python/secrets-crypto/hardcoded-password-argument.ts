import type { Node } from 'web-tree-sitter';
import { secretPreview } from '../../../secrets/preview';
import type { Rule } from '../../rule';
import { credentialFix, hardcodedCredential } from '../hardcodedCredentials';
import { namedLiteralQuery } from '../namedLiterals';

/** The callee of the call a keyword argument's value is passed to, as written: `connect`, `db.login`. */
function calledFunction(value: Node): string {
  return value.parent?.parent?.parent?.childForFieldName('function')?.text ?? 'the call';
}

export const hardcodedPasswordArgument: Rule = {
  meta: {
    id: 'hardcoded-password-argument',
    title: 'Hardcoded password passed as an argument',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 259,
    aliases: ['B106', 'S106'],
    why: 'A password or token passed as a literal, as in `connect(password="...")`, lives in the source and its history, where anyone with read access can use it; changing it takes a code change.',
    doInstead: 'Pass a value read at run time: `connect(password=os.environ["DB_PASSWORD"])`, or one from a secrets manager or untracked config.',
    languages: ['python'],
  },

  query: namedLiteralQuery,

  check(match, context) {
    const found = hardcodedCredential(match, ['keyword']);
    if (!found) return;
    context.report({
      node: found.literal,
      message: `\`${calledFunction(found.literal)}(${found.name}=...)\` gets the hardcoded secret ${secretPreview(found.value)}; read it from the environment or a secrets store instead.`,
      fix: credentialFix(found, context),
    });
  },
};
