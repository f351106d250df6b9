// Django and Django REST framework: the request object of views (function views take it by
// name, class-based views as self.request), URL captures, responses, redirects and the session.
import type { FrameworkModel, HandlerClassModel } from '../../../../flow/models';
import { lineBreakFree, nonHtmlTypes, ownPath, ownUrl } from './http';

const request = 'django.http.HttpRequest()';
const restRequest = 'rest_framework.request.Request()';

const requestAttributes = ['GET', 'POST', 'COOKIES', 'FILES', 'body', 'content_params', 'resolver_match'];
const requestCalls = ['read', 'readline', 'readlines'];
/** The path a route matched: decoded (it may hold a line break), but on this site. */
const pathAttributes = ['path', 'path_info'];
/** Percent-encoded, so free of line breaks, and on this site. */
const ownUrlCalls = ['get_full_path', 'get_full_path_info', 'build_absolute_uri'];

const viewBases = [
  'django.views.View', 'django.views.generic.View', 'django.views.generic.base.View', 'django.views.generic.TemplateView',
  'django.views.generic.ListView', 'django.views.generic.DetailView', 'django.views.generic.FormView', 'django.views.generic.CreateView',
  'django.views.generic.UpdateView', 'django.views.generic.DeleteView', 'django.views.generic.RedirectView',
  'django.views.generic.edit.FormView', 'django.views.generic.list.ListView', 'django.views.generic.detail.DetailView',
  'rest_framework.views.APIView', 'rest_framework.generics.GenericAPIView', 'rest_framework.generics.ListAPIView',
  'rest_framework.generics.RetrieveAPIView', 'rest_framework.generics.CreateAPIView', 'rest_framework.generics.ListCreateAPIView',
  'rest_framework.generics.RetrieveUpdateDestroyAPIView', 'rest_framework.viewsets.ViewSet', 'rest_framework.viewsets.ModelViewSet',
  'rest_framework.viewsets.GenericViewSet', 'rest_framework.viewsets.ReadOnlyModelViewSet',
];
const formClasses = ['django.forms.Form', 'django.forms.ModelForm', 'django.forms.forms.Form', 'django.forms.models.ModelForm'];
const serializerClasses = ['rest_framework.serializers.Serializer', 'rest_framework.serializers.ModelSerializer', 'rest_framework.serializers.HyperlinkedModelSerializer'];
const handlerMethods = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'list', 'retrieve', 'create', 'update', 'partial_update', 'destroy'];

const handlerClasses: HandlerClassModel[] = viewBases.map((base) => ({ base, self: 'django.views.View()', captureMethods: handlerMethods }));

export const djangoModel: FrameworkModel = {
  name: 'django',
  appliesTo: /\b(?:django|rest_framework)\b/,
  mentions: /\brequest\b|\bself\.kwargs\b/,
  helperMentions: /\brequest\.(?:GET|POST|COOKIES|META|FILES|body|headers|data|query_params)\b/,
  parameters: [
    { name: 'request', ref: request, marksView: true },
    { annotation: 'django.http.HttpRequest', ref: request, marksView: true },
    { annotation: 'rest_framework.request.Request', ref: restRequest, marksView: true },
    // FormView.form_valid(self, form) and friends.
    { name: 'form', ref: 'django.forms.Form()' },
  ],
  handlerClasses,
  aliases: [{ path: 'django.views.View().request', ref: request }],
  sources: [
    ...[request, restRequest].flatMap((object) => [
      ...requestAttributes.map((name) => ({ path: `${object}.${name}`, label: `request.${name}` })),
      ...requestCalls.map((name) => ({ path: `${object}.${name}`, call: true, label: `request.${name}()` })),
      ...pathAttributes.map((name) => ({ path: `${object}.${name}`, label: `request.${name}`, safeFor: ownPath })),
      ...ownUrlCalls.map((name) => ({ path: `${object}.${name}`, call: true, label: `request.${name}()`, safeFor: ownUrl })),
      // META is mostly headers (HTTP_*) and the peer's address: no line break in either.
      ...['headers', 'META'].map((name) => ({ path: `${object}.${name}`, label: `request.${name}`, safeFor: lineBreakFree })),
    ]),
    // A DRF view's `request` parameter is found by name, as a Django request: it has these too.
    ...[request, restRequest].flatMap((object) => ['data', 'query_params'].map((name) => ({ path: `${object}.${name}`, label: `request.${name}` }))),
    // What a bound form holds came from the request: cleaned_data is checked for type, not content.
    ...formClasses.flatMap((form) => ['cleaned_data', 'data'].map((name) => ({ path: `${form}().${name}`, label: `form.${name}` }))),
    ...serializerClasses.map((serializer) => ({ path: `${serializer}().validated_data`, label: 'serializer.validated_data' })),
    { path: 'django.views.View().kwargs', label: 'self.kwargs' },
    { path: 'django.views.View().args', label: 'self.args' },
  ],
  sinks: [
    ...['django.http.HttpResponse', 'django.http.HttpResponseBadRequest', 'django.http.HttpResponseNotFound', 'django.http.HttpResponseForbidden', 'django.http.HttpResponseServerError'].map(
      (path) => ({
        path,
        kind: 'xss',
        args: [0],
        keywords: ['content'],
        unless: [{ keyword: 'content_type', position: 1, constants: nonHtmlTypes }],
      }),
    ),
    ...['django.shortcuts.redirect', 'django.http.HttpResponseRedirect', 'django.http.HttpResponsePermanentRedirect'].map((path) => ({
      path,
      kind: 'open-redirect',
      args: [0],
      keywords: ['to', 'redirect_to'],
      prefixSensitive: 'redirect' as const,
    })),
    { path: 'django.http.FileResponse', kind: 'path-traversal', args: [], keywords: ['filename'] },
    ...[`${request}.session`, `${restRequest}.session`].flatMap((path) => [
      { path, kind: 'trust-boundary-violation', store: true, label: 'request.session' },
      { path, kind: 'weak-random-token', store: true, label: 'request.session' },
    ]),
    // HttpResponse refuses a value with a line break (BadHeaderError), but the value still decides the header.
    ...['django.http.HttpResponse()', 'django.http.HttpResponse().headers', 'django.http.JsonResponse()'].map((path) => ({ path, kind: 'header-injection', store: true })),
  ],
  propagators: [
    // `_("Hello %s") % name`: the message keeps its conversions in every language.
    ...['gettext', 'gettext_lazy', 'ugettext', 'ugettext_lazy', 'ngettext', 'ngettext_lazy'].map((name) => ({
      path: `django.utils.translation.${name}`,
      returnsArgument: true,
    })),
    // Given a location, the absolute URL is built from it (a full URL comes back as it is).
    ...[request, restRequest].map((object) => ({ path: `${object}.build_absolute_uri` })),
  ],
  sanitizers: [
    // reverse() builds a path of this site, and never one that starts with `//`.
    ...['django.urls.reverse', 'django.urls.reverse_lazy', 'django.core.urlresolvers.reverse', 'django.shortcuts.reverse'].map((path) => ({ path, safeFor: ['open-redirect', 'ssrf'] })),
  ],
  guards: [
    { path: 'django.utils.http.url_has_allowed_host_and_scheme', safeFor: ['open-redirect', 'ssrf'] },
    { path: 'django.utils.http.is_safe_url', safeFor: ['open-redirect', 'ssrf'] },
  ],
};
