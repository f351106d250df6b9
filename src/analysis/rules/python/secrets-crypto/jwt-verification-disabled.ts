import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { callQuery, isFalse, keywordArgument, keywordValue, stringValue } from '../syntax';
import { resolveCall } from './support';

/** PyJWT and python-jose, which share the decode(token, key, algorithms=..., options=...) shape. */
const decoders = new Set(['jwt.decode', 'jwt.api_jwt.decode', 'jose.jwt.decode']);

/** The `"verify_signature": False` entry of an options dict literal. */
function signatureCheckOff(options: Node | undefined): Node | undefined {
  if (options?.type !== 'dictionary') return undefined;
  return options.namedChildren.find(
    (pair): pair is Node => pair?.type === 'pair' && stringValue(pair.childForFieldName('key')) === 'verify_signature' && isFalse(pair.childForFieldName('value')),
  );
}

/** `algorithms=["none"]`: accepts tokens that carry no signature at all. */
function acceptsUnsignedTokens(algorithms: Node | undefined): Node | undefined {
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
    why: 'A JSON Web Token is only as trustworthy as its signature check; decoded without it, the claims (user id, roles, expiry) are whatever the sender chose to write.',
    doInstead: 'Decode with the key and a fixed list of algorithms, e.g. `jwt.decode(token, key, algorithms=["RS256"])`; to read the header before verifying (for `kid`), use jwt.get_unverified_header() and then verify.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const resolved = resolveCall(match, context);
    if (!resolved?.name || !decoders.has(resolved.name)) return;
    const { call } = resolved;
    const verify = keywordArgument(call, 'verify');
    if (verify && isFalse(verify.childForFieldName('value'))) {
      context.report({ node: verify, message: 'verify=False decodes the token without checking its signature; anyone can forge its claims.' });
    }
    const optionOff = signatureCheckOff(keywordValue(call, 'options'));
    if (optionOff) {
      context.report({ node: optionOff, message: 'With verify_signature off, the token\'s claims are not authenticated; verify before trusting them.' });
    }
    const none = acceptsUnsignedTokens(keywordValue(call, 'algorithms'));
    if (none) context.report({ node: none, message: 'Allowing the "none" algorithm accepts unsigned tokens; list only the algorithms you issue.' });
  },
};
