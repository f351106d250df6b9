import type { Node } from 'web-tree-sitter';
import type { Rule, RuleContext } from '../../rule';
import { argumentAt, callQuery, positionalArguments, resolveCall } from '../calls';
import { snippet } from '../syntax';

/** USM protocols that are broken; pysnmp picks MD5 and DES itself when keys are given without protocols. */
const weakUsmProtocols = new Set(['usmHMACMD5AuthProtocol', 'usmDESPrivProtocol', 'usm3DESEDEPrivProtocol']);

function isPysnmp(name: string | undefined, className: string): boolean {
  return !!name && name.startsWith('pysnmp.') && name.endsWith(`.${className}`);
}

function protocolName(node: Node | undefined, context: RuleContext): string | undefined {
  const name = context.qualifiedName(node);
  return name?.slice(name.lastIndexOf('.') + 1);
}

/** What is wrong with a `UsmUserData(user, authKey, privKey, authProtocol=..., privProtocol=...)` call, if anything. */
function usmWeakness(call: Node, context: RuleContext): string | undefined {
  const privacyKey = argumentAt(call, 2, 'privKey');
  if (!privacyKey) return 'SNMPv3 without a privacy key sends every message unencrypted';
  const authProtocol = argumentAt(call, 3, 'authProtocol');
  const privProtocol = argumentAt(call, 4, 'privProtocol');
  if (!authProtocol || !privProtocol) return 'without explicit protocols pysnmp uses HMAC-MD5 and DES, both broken';
  const weak = [protocolName(authProtocol, context), protocolName(privProtocol, context)].find((name) => !!name && weakUsmProtocols.has(name));
  return weak ? `${weak} is a broken protocol` : undefined;
}

export const snmpInsecure: Rule = {
  meta: {
    id: 'snmp-insecure',
    title: 'SNMP without authentication and encryption',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 319,
    aliases: ['B508', 'S508', 'B509', 'S509'],
    why: 'SNMPv1 and v2c send the community string, which acts as a password, and all data in clear text; SNMPv3 without a privacy key, or with MD5 and DES, is hardly better.',
    doInstead: 'Use SNMPv3 with UsmUserData(user, authKey, privKey, authProtocol=usmHMACSHAAuthProtocol or stronger, privProtocol=usmAesCfb128Protocol or stronger).',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const resolved = resolveCall(match, context);
    if (!resolved) return;
    const { call, name } = resolved;
    if (isPysnmp(name, 'CommunityData')) {
      context.report({ node: call, message: `\`${snippet(call)}\` sends its SNMPv1/v2c community string in clear text; use SNMPv3 with UsmUserData.` });
    } else if (isPysnmp(name, 'UsmUserData') && positionalArguments(call).length > 0) {
      const weakness = usmWeakness(call, context);
      if (weakness) context.report({ node: call, message: `${weakness}; pass a privacy key and SHA/AES protocols.` });
    }
  },
};
