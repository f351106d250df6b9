// Where untrusted data enters: a modelled attribute read or call, a route parameter. Each source
// expression gets one origin and a trace that starts there.
import type { Frame } from './frames';
import type { Interpreter } from './interpreter';
import type { Span } from './ir';
import type { SourceModel } from './models';
import { startTrace } from './trace';
import type { SourceFamily, Taint } from './value';

/** `flask.request.args` -> `request.args`; `django.http.HttpRequest().GET` -> `HttpRequest().GET`. */
function defaultLabel(path: string): string {
  const segments = path.split('.');
  return segments.length > 2 ? segments.slice(-2).join('.') : path;
}

function describeFamily(family: SourceFamily, remote: boolean): string {
  if (family === 'random') return 'predictable value';
  return remote ? 'user input' : 'local input';
}

export function makeTaint(interp: Interpreter, frame: Frame, span: Span, label: string, family: SourceFamily, remote: boolean, safe = 0): Taint | undefined {
  if (!interp.session.tracksFamily(family)) return undefined;
  const origin = interp.session.origin(frame.module.stepFile, span, label, family, remote);
  const step = interp.step(frame, span, `${describeFamily(family, remote)} \`${label}\``, 'source');
  return { origin, safe, trace: startTrace(step), weak: false };
}

function usable(model: SourceModel, interp: Interpreter): boolean {
  return !model.optIn || (model.optIn === 'environment' && interp.session.environmentSources);
}

function taintFrom(interp: Interpreter, frame: Frame, model: SourceModel, path: string, span: Span): Taint | undefined {
  const safe = model.safeFor ? interp.session.index.bitsFor(model.safeFor) : 0;
  return makeTaint(interp, frame, span, model.label ?? defaultLabel(path), model.family ?? 'input', !model.local, safe);
}

/** The taint of reading (`call` false) or calling (`call` true) the library name `path`, if it is a source. */
export function sourceTaint(interp: Interpreter, frame: Frame, path: string, span: Span, call: boolean): Taint | undefined {
  for (const model of interp.session.index.sources.forPath(path, frame.module.active)) {
    if (!!model.call === call && usable(model, interp)) return taintFrom(interp, frame, model, path, span);
  }
  return undefined;
}

/** The taint of calling `receiver.method()` on any receiver whose text matches, if that is a source. */
export function methodSourceTaint(interp: Interpreter, frame: Frame, method: string, receiverText: string, span: Span): Taint | undefined {
  for (const model of interp.session.index.sources.forMethod(method, frame.module.active)) {
    if (usable(model, interp) && (!model.receiver || model.receiver.test(receiverText))) return taintFrom(interp, frame, model, `${receiverText}.${method}()`, span);
  }
  return undefined;
}
