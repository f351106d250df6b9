// The taint table of a project's configuration as one more framework model: its sources, its
// sanitisers and its sinks, named by qualified name like every other model's.
import type { FrameworkModel, SinkModel, SourceModel } from '../flow/models';
import type { TaintExtensions } from './projectConfig';

export function projectTaintModel(extensions: TaintExtensions): FrameworkModel {
  // A name is a source whether it is read (`myapp.context.body`) or called (`myapp.read_param()`).
  const sources: SourceModel[] = extensions.sources.flatMap((path) => [
    { path, label: path },
    { path, call: true, label: `${path}()` },
  ]);
  // The project declared the whole call dangerous: every argument counts.
  const sinks: SinkModel[] = extensions.sinks.map(({ kind, name }) => ({ kind, path: name, allArgs: true, label: `${name}()` }));
  return {
    name: 'project configuration',
    projectNames: true,
    sources,
    sinks,
    sanitizers: extensions.sanitizers.map(({ name, safeFor }) => ({ path: name, safeFor })),
  };
}
