import type { Rule } from '../../rule';
import { argumentAt, callQuery, lastSegment, resolveCall } from '../calls';

/** Policies that accept a server's key without checking it against known_hosts. */
const trustingPolicies = new Set(['AutoAddPolicy', 'WarningPolicy']);

export const paramikoAutoAddPolicy: Rule = {
  meta: {
    id: 'paramiko-auto-add-policy',
    title: 'SSH client accepts unknown host keys',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 295,
    aliases: ['B507', 'S507'],
    why: "With AutoAddPolicy or WarningPolicy, paramiko trusts whatever key a server presents the first time, so a machine in the middle can pose as the server and read the session's passwords and commands.",
    doInstead: 'Load known host keys with client.load_system_host_keys() or client.load_host_keys(path) and keep the default RejectPolicy (or set paramiko.RejectPolicy() explicitly).',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const resolved = resolveCall(match, context);
    if (!resolved || lastSegment(resolved.callee) !== 'set_missing_host_key_policy') return;
    const policy = argumentAt(resolved.call, 0, 'policy');
    // Accepts the policy as an instance (AutoAddPolicy()) or as the class itself.
    const reference = policy?.type === 'call' ? policy.childForFieldName('function') : policy;
    const name = context.qualifiedName(reference);
    const policyName = name?.slice(name.lastIndexOf('.') + 1);
    if (!policy || !policyName || !trustingPolicies.has(policyName)) return;
    if (name!.includes('.') && !name!.startsWith('paramiko.')) return;
    context.report({
      node: resolved.call,
      message: `${policyName} accepts any host key the server presents; load known_hosts and keep RejectPolicy.`,
    });
  },
};
