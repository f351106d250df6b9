import type { Node } from 'web-tree-sitter';
import type { Fix } from '../../../finding';
import { secretPreview } from '../../../secrets/preview';
import { knownSecretMatch } from '../../../secrets/secretFormats';
import type { Rule } from '../../rule';
import { environmentVariableFix } from '../fixes';
import { targetName } from '../namedLiterals';
import { stringLiteralParts } from '../strings';

/** `NAME = "<secret>"` or `f(name="<secret>")`: the name the literal is bound to, for the fix. */
function boundName(literal: Node): string | undefined {
  const parent = literal.parent;
  if (parent?.type === 'assignment' && parent.childForFieldName('right')?.id === literal.id) {
    const target = parent.childForFieldName('left');
    return target ? targetName(target) : undefined;
  }
  if (parent?.type === 'keyword_argument' && parent.childForFieldName('value')?.id === literal.id) {
    return parent.childForFieldName('name')?.text;
  }
  return undefined;
}

export const hardcodedSecretFormat: Rule = {
  meta: {
    id: 'hardcoded-secret-format',
    title: 'Credential with a well-known format in a string',
    category: 'security',
    severity: 'error',
    confidence: 'high',
    cwe: 798,
    aliases: [],
    why: 'Cloud keys, API tokens and private keys have recognisable shapes; one in source code is usable by anyone who reads the repository or its history, and scanners run by attackers find them within minutes of a push.',
    doInstead: 'Revoke the credential now (removing it from the code does not remove it from history), issue a new one, and load it at run time from the environment or a secrets manager.',
    languages: ['python'],
  },

  mentions: /AKIA|ASIA|gh[pousr]_|github_pat_|xox[abprs]-|AIza|k_live_|PRIVATE KEY/,
  // Whole implicit concatenations, so that a key split over several lines is read as one.
  query: '[(string) (concatenated_string)] @string',

  check(match, context) {
    const literal = match.get('string')!;
    if (literal.parent?.type === 'concatenated_string') return;
    // Documentation keys such as AKIAIOSFODNN7EXAMPLE and filler like ghp_xxxx... are skipped.
    const found = knownSecretMatch(stringLiteralParts(literal));
    if (!found) return;
    const { format, text } = found;
    // A PEM header names the key without giving it away; a token is shown by its first characters.
    const shown = format.needsKeyBody ? text : secretPreview(text);
    const name = boundName(literal);
    const fix: Fix | undefined = name ? environmentVariableFix(literal, name) : undefined;
    context.report({
      node: literal,
      message: `This string contains ${format.description} (${shown}); revoke it and load a new one from the environment or a secrets store.`,
      fix,
    });
  },
};
