import type { Rule } from '../../rule';
import { callQuery, resolveCall } from '../calls';

export const insecureMktemp: Rule = {
  meta: {
    id: 'insecure-mktemp',
    title: 'tempfile.mktemp() race condition',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 377,
    aliases: ['B306', 'S306'],
    why: 'tempfile.mktemp() only returns a name; between that call and the moment the file is opened, another process can create a file or symlink there and have your program write to or read from it.',
    doInstead: 'Create and open the file in one step: tempfile.NamedTemporaryFile(), tempfile.mkstemp() (returns an open descriptor and the path) or tempfile.TemporaryDirectory() for a private folder.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const resolved = resolveCall(match, context);
    if (resolved?.name !== 'tempfile.mktemp') return;
    // No fix: mkstemp() returns (descriptor, path), so every use of the result would change.
    context.report({
      node: resolved.call,
      message: 'tempfile.mktemp() returns a name another process can claim first; use NamedTemporaryFile() or mkstemp().',
    });
  },
};
