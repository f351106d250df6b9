import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { valueBoundTo } from '../bindings';
import { callQuery, keywordArgument, keywordValue, resolveCall } from '../calls';
import { stringValue } from '../strings';
import { isFalse } from '../syntax';

/** PyJWT and python-jose, which share the decode(token, key, algorithms=..., options=...) shape. */
const decoders = new Set(['jwt.decode', 'jwt.api_jwt.decode', 'jose.jwt.decode']);
const encoders = new Set(['jwt.encode', 'jwt.api_jwt.encode', 'jose.jwt.encode']);

/** A dictionary literal, or a name bound to one (`OPTIONS = {"verify_signature": False}` at module level). */
function dictionaryOf(node: Node | undefined): Node | undefined {
  const value = node?.type === 'identifier' ? valueBoundTo(node) : node;
  return value?.type === 'dictionary' ? value : undefined;
}

/** The `"verify_signature": False` entry of an options dict. */
function signatureCheckOff(options: Node | undefined): Node | undefined {
  return dictionaryOf(options)?.namedChildren.find(
    (pair): pair is Node =>
      pair?.type === 'pair' && stringValue(pair.childForFieldName('key')) === 'verify_signature' && isFalse(pair.childForFieldName('value')),
  );
}

/** `algorithms=["none"]` (or the string "none"): accepts tokens that carry no signature at all. */
function acceptsUnsignedTokens(algorithms: Node | undefined): Node | undefined {
  if (stringValue(algorithms)?.toLowerCase() === 'none') return algorithms;
  if (algorithms?.type !== 'list' && algorithms?.type !== 'tuple') return undefined;
  return algorithms.namedChildren.find((item): item is Node => !!item && stringValue(item)?.toLowerCase() === 'none');
}

export const jwtVerificationDisabled: Rule = {
  meta: {
    id: 'jwt-verification-disabled',
    title: 'JWT decoded without checking its signature',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 347,
    aliases: [],
    why: 'A JSON Web Token is only as trustworthy as its signature check; decoded without it (verify=False, verify_signature off, the "none" algorithm allowed), the claims (user id, roles, expiry) are whatever the sender chose to write. Tokens issued with algorithm "none" carry no signature to check.',
    doInstead: 'Decode with the key and a fixed list of algorithms, e.g. `jwt.decode(token, key, algorithms=["RS256"])`, and sign with a real algorithm; to read the header before verifying (for `kid`), use jwt.get_unverified_header() and then verify.',
    languages: ['python'],
  },

  mentions: /jwt|jose/,
  query: callQuery,

  check(match, context) {
    const resolved = resolveCall(match, context);
    const name = resolved?.name;
    if (!resolved || !name) return;
    const { call, callee } = resolved;
    if (encoders.has(name)) {
      const algorithm = keywordValue(call, 'algorithm');
      if (algorithm && acceptsUnsignedTokens(algorithm)) {
        context.report({ node: algorithm, message: `\`${callee.text}(..., algorithm=${algorithm.text})\` issues tokens without a signature, which anyone can forge.` });
      }
      return;
    }
    if (!decoders.has(name)) return;
    const verify = keywordArgument(call, 'verify');
    if (verify && isFalse(verify.childForFieldName('value'))) {
      context.report({ node: verify, message: `\`${callee.text}(..., verify=False)\` decodes the token without checking its signature; anyone can forge its claims.` });
    }
    const options = keywordValue(call, 'options');
    const optionOff = signatureCheckOff(options);
    if (optionOff) {
      const where = options?.type === 'identifier' ? ` (through \`${options.text}\`)` : '';
      context.report({ node: options!.type === 'identifier' ? options! : optionOff, message: `\`${callee.text}()\` is told \`${optionOff.text}\`${where}, so the token's claims are not authenticated.` });
    }
    const none = acceptsUnsignedTokens(keywordValue(call, 'algorithms'));
    if (none) context.report({ node: none, message: `\`${callee.text}()\` allows the "none" algorithm, which accepts unsigned tokens; list only the algorithms you issue.` });
  },
};
