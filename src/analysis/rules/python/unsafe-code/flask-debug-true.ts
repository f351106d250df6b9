import type { Node } from 'web-tree-sitter';
import type { Confidence } from '../../../finding';
import type { Rule, RuleContext } from '../../rule';
import { importsModule, valueBoundTo } from '../bindings';
import { calleeBaseName, callQuery, isTrue, keywordValue } from '../syntax';
import { resolveCall } from './support';

/** `asyncio` in `asyncio.run(main(), debug=True)`: a module's run(), not an app's. */
function isImportedModule(receiver: Node, context: RuleContext): boolean {
  return receiver.type === 'identifier' && context.qualifiedName(receiver) === receiver.text && importsModule(context.text, receiver.text);
}

/**
 * How sure we are that `receiver` is a Flask app: bound to `Flask(...)` (high); another object
 * in a file that imports flask (medium), unless it was made by a class from another module.
 */
function flaskConfidence(receiver: Node, context: RuleContext): Confidence | undefined {
  if (isImportedModule(receiver, context)) return undefined;
  const source = receiver.type === 'identifier' ? valueBoundTo(receiver) : undefined;
  const maker = source?.type === 'call' ? context.qualifiedName(source.childForFieldName('function')) : undefined;
  if (maker === 'flask.Flask' || maker?.startsWith('flask_')) return 'high';
  // `runner = unittest.TextTestRunner()`: something else that happens to have run(debug=...).
  if (maker?.includes('.')) return undefined;
  return importsModule(context.text, 'flask') ? 'medium' : undefined;
}

export const flaskDebugTrue: Rule = {
  meta: {
    id: 'flask-debug-true',
    title: 'Flask app run with debug=True',
    category: 'security',
    severity: 'error',
    confidence: 'high',
    cwe: 489,
    aliases: ['B201', 'S201'],
    why: 'Debug mode serves the Werkzeug debugger, which lets anyone who can trigger an error and reach the page run Python code on the server.',
    doInstead: 'Leave debug off in code and turn it on only on a developer machine with `flask run --debug` or FLASK_DEBUG=1; serve production traffic with a WSGI server such as gunicorn.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const { call, callee } = resolveCall(match, context);
    if (callee.type !== 'attribute' || calleeBaseName(callee) !== 'run' || !isTrue(keywordValue(call, 'debug'))) return;
    const confidence = flaskConfidence(callee.childForFieldName('object')!, context);
    if (!confidence) return;
    // No fix: switching the debugger off changes how the developer works; configuration should decide.
    context.report({
      node: call,
      confidence,
      message: 'debug=True exposes the interactive Werkzeug debugger; enable it through FLASK_DEBUG on developer machines only.',
    });
  },
};
