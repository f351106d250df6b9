import type { Rule } from '../../rule';
import { callQuery, hasDictionarySplat, keywordValue, resolveCall } from '../calls';
import { appendArgumentFix } from '../fixes';
import { rangeOf } from '../syntax';

const verbs = ['get', 'options', 'head', 'post', 'put', 'patch', 'delete', 'request'];
/** requests waits forever by default. */
const requestsCalls = new Set(verbs.map((verb) => `requests.${verb}`));
/** httpx has a 5-second default: only an explicit timeout=None turns it off. */
const httpxCalls = new Set([...verbs, 'stream', 'Client', 'AsyncClient'].map((name) => `httpx.${name}`));

const defaultTimeout = '10';

export const requestWithoutTimeout: Rule = {
  meta: {
    id: 'request-without-timeout',
    title: 'HTTP request without a timeout',
    // Reliability, not security: no CWE, so a line whose real problem is its URL (SSRF) is not
    // reported as CWE-400 as well.
    category: 'reliability',
    severity: 'warning',
    confidence: 'high',
    aliases: ['B113', 'S113'],
    why: 'requests waits for a response forever unless given a timeout (httpx does too with timeout=None), so one slow or malicious server can hang a worker; enough of them hang the whole service.',
    doInstead: 'Pass a timeout on every call, e.g. `requests.get(url, timeout=10)` or `timeout=(3.05, 27)` for separate connect and read limits.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const { call, name } = resolveCall(match, context)!;
    if (!name || (!requestsCalls.has(name) && !httpxCalls.has(name))) return;
    const timeout = keywordValue(call, 'timeout');
    if (timeout?.type === 'none') {
      context.report({
        node: call,
        message: `timeout=None lets \`${name}()\` wait forever; give it a limit in seconds.`,
        // Unsafe, unlike adding a missing timeout: `timeout=None` was written on purpose (a long
        // download, a stream), so a limit there needs someone who knows the call.
        fix: {
          title: `Set timeout=${defaultTimeout}`,
          edits: [{ range: rangeOf(timeout), newText: defaultTimeout }],
          applicability: 'unsafe',
          changes: `gives up when the server is silent for ${defaultTimeout} seconds, where it waited forever`,
        },
      });
      return;
    }
    // `**kwargs` may carry a timeout.
    if (timeout || httpxCalls.has(name) || hasDictionarySplat(call)) return;
    context.report({
      node: call,
      message: `\`${name}()\` without a timeout can wait forever; pass timeout= in seconds.`,
      // Safe, as the project decided: the limit is on connecting and on silence between bytes,
      // not on the whole transfer, so only a stalled server hits it, where the call would hang.
      fix: appendArgumentFix(call, `timeout=${defaultTimeout}`, `Add timeout=${defaultTimeout}`, { applicability: 'safe' }),
    });
  },
};
