import type { Node } from 'web-tree-sitter';
import type { Rule, RuleContext } from '../../rule';
import { argumentValues, constantNamed, hasDictionarySplat, keywordValue, positionalArguments, resolveCall } from '../calls';
import { tlsSettingsQuery } from '../tlsSettings';

/** Protocol constants that allow or force SSL 2/3 or TLS 1.0/1.1, with the version they mean. */
const weakProtocols = new Map<string, string>([
  ['ssl.PROTOCOL_SSLv2', 'SSL 2.0'],
  ['ssl.PROTOCOL_SSLv3', 'SSL 3.0'],
  ['ssl.PROTOCOL_TLSv1', 'TLS 1.0'],
  ['ssl.PROTOCOL_TLSv1_1', 'TLS 1.1'],
  ['ssl.TLSVersion.SSLv3', 'SSL 3.0'],
  ['ssl.TLSVersion.TLSv1', 'TLS 1.0'],
  ['ssl.TLSVersion.TLSv1_1', 'TLS 1.1'],
  ['OpenSSL.SSL.SSLv2_METHOD', 'SSL 2.0'],
  ['OpenSSL.SSL.SSLv3_METHOD', 'SSL 3.0'],
  ['OpenSSL.SSL.TLSv1_METHOD', 'TLS 1.0'],
  ['OpenSSL.SSL.TLSv1_1_METHOD', 'TLS 1.1'],
  ['OpenSSL.SSL.SSL3_VERSION', 'SSL 3.0'],
  ['OpenSSL.SSL.TLS1_VERSION', 'TLS 1.0'],
  ['OpenSSL.SSL.TLS1_1_VERSION', 'TLS 1.1'],
]);
// `ssl.wrap_socket(sock, keyfile, certfile, server_side, cert_reqs, ssl_version, ...)`.
const sslVersionIndex = 5;

function reportIfWeak(value: Node, context: RuleContext): void {
  const name = constantNamed(value, weakProtocols, context);
  if (!name) return;
  context.report({ node: value, message: `${name} allows ${weakProtocols.get(name)}, which has known attacks; require TLS 1.2 or later.` });
}

export const weakTlsVersion: Rule = {
  meta: {
    id: 'weak-tls-version',
    title: 'Obsolete SSL/TLS protocol version',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 327,
    aliases: ['B502', 'S502', 'B503', 'S503', 'B504', 'S504'],
    why: 'SSL 2.0, SSL 3.0, TLS 1.0 and TLS 1.1 have practical attacks (POODLE, BEAST, weak MACs) and are disabled by modern servers and browsers; allowing them lets an attacker downgrade the connection.',
    doInstead: 'Use ssl.create_default_context() (or SSLContext(PROTOCOL_TLS_CLIENT)) and, if needed, set `context.minimum_version = ssl.TLSVersion.TLSv1_2`; with pyOpenSSL use TLS_METHOD with set_min_proto_version(TLS1_2_VERSION).',
    languages: ['python'],
  },

  mentions: /SSLv|TLSv1|SSL3_|TLS1_|wrap_socket/,
  query: tlsSettingsQuery,

  check(match, context) {
    const resolved = resolveCall(match, context);
    if (resolved) {
      for (const value of argumentValues(resolved.call)) reportIfWeak(value, context);
      const { call, name } = resolved;
      const passesVersion = keywordValue(call, 'ssl_version') || hasDictionarySplat(call) || positionalArguments(call).length > sslVersionIndex;
      if (name === 'ssl.wrap_socket' && !passesVersion) {
        context.report({
          node: call,
          severity: 'info',
          confidence: 'low',
          message: 'ssl.wrap_socket() picks the protocol for you and checks no hostname (it was removed in Python 3.12); use ssl.create_default_context().wrap_socket().',
        });
      }
      return;
    }
    const setting = match.get('setting')?.text;
    const value = match.get('value');
    if (!value) return;
    // `context.minimum_version = ...` or a parameter default such as `def connect(version=ssl.PROTOCOL_TLSv1)`.
    if (match.get('parameter') || setting === 'minimum_version' || setting === 'maximum_version') reportIfWeak(value, context);
  },
};
