import type { Node } from 'web-tree-sitter';
import type { Rule, RuleContext } from '../../rule';
import { valueBoundTo } from '../bindings';
import { callQuery, positionalArguments } from '../calls';
import { isDevelopmentOrDefaultSettingsPath, settingOf, settingsQuery } from '../settingsModules';
import { stringValue } from '../strings';
import { enclosingFunction, isFalse } from '../syntax';
import { middlewareList } from './middleware';

const csrfExempt = 'django.views.decorators.csrf.csrf_exempt';
const methodDecorator = 'django.utils.decorators.method_decorator';
const csrfProtect = new Set(['flask_wtf.csrf.CSRFProtect', 'flask_wtf.CSRFProtect']);
/** Decorators that let only safe methods through: such a view changes nothing a forged request could abuse. */
const safeMethodsOnly = new Set(['django.views.decorators.http.require_GET', 'django.views.decorators.http.require_safe']);
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** `csrf.exempt` where `csrf = CSRFProtect(app)` (Flask-WTF). */
function isFlaskWtfExempt(node: Node, context: RuleContext): boolean {
  if (node.type !== 'attribute' || node.childForFieldName('attribute')?.text !== 'exempt') return false;
  const owner = node.childForFieldName('object');
  const made = owner?.type === 'identifier' ? valueBoundTo(owner) : undefined;
  return made?.type === 'call' && csrfProtect.has(context.qualifiedName(made.childForFieldName('function')) ?? '');
}

function isExemption(node: Node | undefined, context: RuleContext): boolean {
  return !!node && (context.qualifiedName(node) === csrfExempt || isFlaskWtfExempt(node, context));
}

/** `@require_GET`, `@require_safe` or `@require_http_methods(["GET"])` beside the exemption. */
function acceptsOnlySafeMethods(definition: Node, context: RuleContext): boolean {
  return definition.namedChildren.some((decorator) => {
    const expression = decorator?.type === 'decorator' ? decorator.firstNamedChild : undefined;
    if (!expression) return false;
    if (safeMethodsOnly.has(context.qualifiedName(expression) ?? '')) return true;
    if (expression.type !== 'call' || context.qualifiedName(expression.childForFieldName('function')) !== 'django.views.decorators.http.require_http_methods') return false;
    const methods = positionalArguments(expression)[0];
    const names = methods?.namedChildren.map((item) => (item ? stringValue(item)?.toUpperCase() : undefined)) ?? [];
    return names.length > 0 && names.every((name) => !!name && safeMethods.has(name));
  });
}

function viewName(decorated: Node): string {
  return decorated.childForFieldName('definition')?.childForFieldName('name')?.text ?? 'this view';
}

/**
 * Views that other servers call by design (OAuth and SAML callbacks, webhooks, token endpoints),
 * and `as_view()`, where a framework such as Django REST framework exempts views to check CSRF in
 * its own authentication: exempting them is expected, so the finding is a reminder, not a warning.
 */
const serverToServer = /callback|webhook|hook|notify|notification|ipn|token|introspect|revoke|oauth|saml|acs|sso|as_view/i;

function report(context: RuleContext, node: Node, exemption: string, target: string, name: string): void {
  const expected = serverToServer.test(name) || serverToServer.test(enclosingFunction(node)?.childForFieldName('name')?.text ?? '');
  context.report({
    node,
    severity: expected ? 'info' : undefined,
    confidence: expected ? 'low' : undefined,
    message: expected
      ? `\`${exemption}\` turns off CSRF checks for ${target}, as endpoints that other servers call need; make sure each request is authenticated another way (a signature, OAuth state).`
      : `\`${exemption}\` turns off CSRF checks for ${target}, so another site can submit to it as the user.`,
  });
}

export const csrfProtectionDisabled: Rule = {
  meta: {
    id: 'csrf-protection-disabled',
    title: 'CSRF protection turned off',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 352,
    aliases: [],
    why: 'Browsers send a site\'s cookies with requests that other sites start. Without a CSRF token check, a page elsewhere can submit a form or call an endpoint as the logged-in user: change their e-mail, transfer money, delete data.',
    doInstead: 'Keep CsrfViewMiddleware in MIDDLEWARE (and Flask-WTF\'s CSRF on) and send the token with forms and AJAX calls. For an endpoint that really takes no browser requests (a webhook), authenticate each request another way, such as a signature, before exempting it.',
    languages: ['python'],
  },

  mentions: /csrf|CSRF|MIDDLEWARE/,
  query: `${settingsQuery}
${callQuery}
(decorator [(identifier) (attribute)] @decorator) @decoration`,

  check(match, context) {
    const decorator = match.get('decorator');
    if (decorator) {
      const decorated = match.get('decoration')!.parent;
      if (!isExemption(decorator, context) || decorated?.type !== 'decorated_definition' || acceptsOnlySafeMethods(decorated, context)) return;
      report(context, match.get('decoration')!, `@${decorator.text}`, `\`${viewName(decorated)}\``, viewName(decorated));
      return;
    }
    const callee = match.get('callee');
    if (callee) {
      // `csrf_exempt(View.as_view())` in urls.py, `method_decorator(csrf_exempt, name="dispatch")` on a class.
      const call = match.get('call')!;
      const exempted = isExemption(callee, context) ? positionalArguments(call)[0] : undefined;
      const decorates = context.qualifiedName(callee) === methodDecorator && isExemption(positionalArguments(call)[0], context);
      if (exempted) report(context, call, `${callee.text}(...)`, `\`${exempted.text}\``, exempted.text);
      if (decorates) {
        // On a class (`name="dispatch"`) it exempts the class's views; on a method, that method.
        const decorated = call.parent?.type === 'decorator' ? call.parent.parent : undefined;
        const name = decorated?.type === 'decorated_definition' ? viewName(decorated) : '';
        const isClass = decorated?.childForFieldName('definition')?.type === 'class_definition';
        const target = !name ? 'these views' : isClass ? `the views of \`${name}\`` : `\`${name}\``;
        report(context, call, `${callee.text}(...)`, target, name);
      }
      return;
    }
    const list = middlewareList(match, context);
    if (list) {
      if (list.named('CsrfViewMiddleware')) return;
      const note = list.commentedOut('CsrfViewMiddleware') ? ' (it is commented out)' : '';
      context.report({ node: list.site, message: `\`${list.name}\` lacks django.middleware.csrf.CsrfViewMiddleware${note}, so no view checks CSRF tokens.` });
      return;
    }
    const setting = settingOf(match, ['WTF_CSRF_ENABLED']);
    if (setting && isFalse(setting.value) && !isDevelopmentOrDefaultSettingsPath(context.filePath)) {
      context.report({ node: setting.site, confidence: 'high', message: `${setting.name} = False turns off Flask-WTF's CSRF checks for every form.` });
    }
  },
};
