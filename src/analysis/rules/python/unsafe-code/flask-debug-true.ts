import type { Node } from 'web-tree-sitter';
import type { Confidence } from '../../../finding';
import type { Rule, RuleContext } from '../../rule';
import { valueBoundTo } from '../bindings';
import { callQuery, keywordValue, lastSegment, resolveCall } from '../calls';
import { settingOf, settingsQuery } from '../settingsModules';
import { isTrue } from '../syntax';

/** `asyncio` in `asyncio.run(main(), debug=True)`: a module's run(), not an app's. */
function isImportedModule(receiver: Node, context: RuleContext): boolean {
  return receiver.type === 'identifier' && context.qualifiedName(receiver) === receiver.text && context.importsModule(receiver.text);
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
  return context.importsModule('flask') ? 'medium' : undefined;
}

/** `app.config.update(...)` for `DEBUG=True` in `app.config.update(DEBUG=True)` or `app.config.update(dict(DEBUG=True))`. */
function configCallOfKeyword(keyword: Node): Node | undefined {
  let call = keyword.parent?.parent;
  if (call?.childForFieldName('function')?.text === 'dict') call = call.parent?.parent;
  return call?.type === 'call' ? call : undefined;
}

/** The app of `app.config[...] = ...` or `app.config.update(...)`, and how to name the setting in a message. */
function configOwner(site: Node): { owner: Node; written: string } | undefined {
  const configCall = site.type === 'keyword_argument' ? configCallOfKeyword(site) : undefined;
  const config = configCall ? configCall.childForFieldName('function')?.childForFieldName('object') : site.childForFieldName('left')?.childForFieldName('value');
  const owner = config?.type === 'attribute' ? config.childForFieldName('object') : undefined;
  if (!owner) return undefined;
  return { owner, written: configCall ? `${configCall.childForFieldName('function')!.text}(${site.text})` : site.text };
}

/** `app.debug = True` on something that is plainly a Flask app: made by Flask(), or named like one. */
function isPlainlyAnApp(receiver: Node, context: RuleContext): Confidence | undefined {
  const confidence = flaskConfidence(receiver, context);
  if (confidence === 'high') return confidence;
  const name = receiver.type === 'attribute' ? receiver.childForFieldName('attribute')?.text : receiver.text;
  return confidence && /^(?:app|application|flask_app)$/.test(name ?? '') ? confidence : undefined;
}

const debuggerAdvice = 'turns on the interactive Werkzeug debugger; enable it through FLASK_DEBUG on developer machines only.';

export const flaskDebugTrue: Rule = {
  meta: {
    id: 'flask-debug-true',
    title: 'Flask app in debug mode',
    category: 'security',
    severity: 'error',
    confidence: 'high',
    cwe: 489,
    aliases: ['B201', 'S201'],
    why: 'Debug mode serves the Werkzeug debugger, which lets anyone who can trigger an error and reach the page run Python code on the server. `app.run(debug=True)`, `app.debug = True` and `app.config["DEBUG"] = True` all turn it on.',
    doInstead: 'Leave debug off in code and turn it on only on a developer machine with `flask run --debug` or FLASK_DEBUG=1; serve production traffic with a WSGI server such as gunicorn.',
    languages: ['python'],
  },

  query: `${callQuery}
${settingsQuery}
(assignment left: (attribute object: (_) @receiver attribute: (identifier) @attribute) right: (true) (#eq? @attribute "debug")) @debugAssignment`,

  check(match, context) {
    // No fix: switching the debugger off changes how the developer works; configuration should decide.
    const debugAssignment = match.get('debugAssignment');
    if (debugAssignment) {
      const confidence = isPlainlyAnApp(match.get('receiver')!, context);
      if (confidence) context.report({ node: debugAssignment, confidence, message: `\`${debugAssignment.text}\` ${debuggerAdvice}` });
      return;
    }
    if (!match.get('callee')) {
      const setting = settingOf(match, ['DEBUG']);
      const config = setting?.form === 'app-config' && isTrue(setting.value) ? configOwner(setting.site) : undefined;
      const confidence = config && flaskConfidence(config.owner, context);
      if (setting && config && confidence) context.report({ node: setting.site, confidence, message: `\`${config.written}\` ${debuggerAdvice}` });
      return;
    }
    const { call, callee } = resolveCall(match, context)!;
    if (callee.type !== 'attribute' || lastSegment(callee) !== 'run' || !isTrue(keywordValue(call, 'debug'))) return;
    const confidence = flaskConfidence(callee.childForFieldName('object')!, context);
    if (!confidence) return;
    context.report({
      node: call,
      confidence,
      message: `\`${callee.text}(debug=True)\` ${debuggerAdvice}`,
    });
  },
};
