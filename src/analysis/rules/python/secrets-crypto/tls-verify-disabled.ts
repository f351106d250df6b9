import type { Node } from 'web-tree-sitter';
import type { Rule, RuleContext } from '../../rule';
import { argumentValues, constantNamed, keywordArgument, keywordValue, lastSegment, resolveCall, type ResolvedCall } from '../calls';
import { removeArgumentFix } from '../fixes';
import { stringValue } from '../strings';
import { isFalse, snippet } from '../syntax';
import { tlsSettingsQuery } from '../tlsSettings';

const certNone: ReadonlySet<string> = new Set(['ssl.CERT_NONE']);
const unverifiedContext = 'ssl._create_unverified_context';
/** Methods of HTTP sessions and clients, whose receiver usually cannot be resolved (`session.get`). */
const tlsModules = ['ssl.', 'urllib3.', 'OpenSSL.'];
const requirementKeywords = ['cert_reqs', 'verify_mode'];
const httpMethods = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'send', 'stream']);

/** The keyword that switches certificate checks off for this call: `verify` (requests, httpx), `ssl`/`verify_ssl` (aiohttp). */
function verificationKeywords({ callee, name }: ResolvedCall): string[] {
  const isHttpMethod = callee.type === 'attribute' && httpMethods.has(lastSegment(callee) ?? '');
  const keywords: string[] = [];
  if (isHttpMethod || name?.startsWith('requests.') || name?.startsWith('httpx.')) keywords.push('verify');
  if (isHttpMethod || name?.startsWith('aiohttp.')) keywords.push('ssl', 'verify_ssl');
  return keywords;
}

function checkCall(resolved: ResolvedCall, context: RuleContext): void {
  const { call, name } = resolved;
  if (name === unverifiedContext) {
    context.report({ node: call, message: `\`${snippet(call)}\` makes a context that accepts any certificate; use ssl.create_default_context().` });
    return;
  }
  for (const keyword of verificationKeywords(resolved)) {
    const argument = keywordArgument(call, keyword);
    if (!argument || !isFalse(argument.childForFieldName('value'))) continue;
    context.report({
      node: argument,
      message: `\`${keyword}=False\` turns off certificate checks, so anyone on the network path can impersonate the server.`,
      fix: removeArgumentFix(argument, context.text, `Remove ${keyword}=False`, 'checks certificates again: self-signed or invalid ones are refused'),
    });
  }
  // CERT_NONE given to a TLS API or as the requirement; `options.get("cert_reqs", ssl.CERT_NONE)` only reads a setting.
  const tlsApi = !!name && tlsModules.some((module) => name.startsWith(module));
  const requirements = requirementKeywords.map((keyword) => keywordValue(call, keyword)).filter((value): value is Node => !!value);
  for (const value of tlsApi ? argumentValues(call) : requirements) {
    if (constantNamed(value, certNone, context)) context.report({ node: value, message: 'ssl.CERT_NONE accepts any certificate; use ssl.CERT_REQUIRED.' });
  }
  // urllib3 also takes the requirement by name.
  const certificateRequirement = keywordValue(call, 'cert_reqs');
  if (certificateRequirement && ['CERT_NONE', 'NONE'].includes(stringValue(certificateRequirement) ?? '')) {
    context.report({ node: certificateRequirement, message: "cert_reqs='CERT_NONE' accepts any certificate; use 'CERT_REQUIRED'." });
  }
}

function checkSetting(assignment: Node, setting: string, value: Node, context: RuleContext): void {
  if ((setting === 'check_hostname' || setting === 'verify') && isFalse(value)) {
    context.report({ node: assignment, message: `\`${snippet(assignment)}\` turns off a certificate check, so a server can pose as another.` });
  } else if (setting === 'verify_mode' && constantNamed(value, certNone, context)) {
    context.report({ node: assignment, message: 'verify_mode = ssl.CERT_NONE accepts any certificate; use ssl.CERT_REQUIRED.' });
  } else if (setting === '_create_default_https_context' && context.qualifiedName(value) === unverifiedContext) {
    context.report({ node: assignment, message: `\`${snippet(assignment, 80)}\` turns off certificate checks for every HTTPS request the process makes.` });
  }
}

export const tlsVerifyDisabled: Rule = {
  meta: {
    id: 'tls-verify-disabled',
    title: 'TLS certificate verification disabled',
    category: 'security',
    severity: 'error',
    confidence: 'high',
    cwe: 295,
    aliases: ['B501', 'S501', 'B323', 'S323'],
    why: 'Without certificate and hostname checks, TLS still encrypts but no longer proves who is on the other end: anyone on the network path can present their own certificate and read or change the traffic, passwords and tokens included.',
    doInstead: 'Leave verification on (the default). For an internal or self-signed CA, point at it instead: `verify="/path/to/ca.pem"` for requests/httpx or `ssl.create_default_context(cafile=...)`.',
    languages: ['python'],
  },

  mentions: /verify|\bssl\s*=|CERT_NONE|check_hostname|_create_unverified_context|cert_reqs/,
  query: tlsSettingsQuery,

  check(match, context) {
    const resolved = resolveCall(match, context);
    if (resolved) {
      checkCall(resolved, context);
      return;
    }
    const assignment = match.get('assignment');
    const setting = match.get('setting');
    const value = match.get('value');
    if (assignment && setting && value) checkSetting(assignment, setting.text, value, context);
  },
};
