// What a project's configuration means for one file: the analysis options it gets, and whether
// the file is excluded. The configuration wins over the options it is given for what it sets.
import { basename, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { AnalyzeOptions } from '../engine';
import type { ProjectConfig } from './projectConfig';

/** Tool and environment folders no one wants reviewed; a configuration's `exclude` replaces this list. */
export const defaultExcludes: readonly string[] = [
  '.venv', 'venv', '.tox', '.nox', 'node_modules', '__pycache__',
  '.mypy_cache', '.pytest_cache', '.ruff_cache', 'site-packages', '.eggs',
];

const defaultExcludedNames: ReadonlySet<string> = new Set(defaultExcludes);

/** Without a configuration: the built-in folders (Ruff and Bandit skip the same kind by default). */
export function isExcludedByDefault(path: string, isDirectory: boolean): boolean {
  return isDirectory && defaultExcludedNames.has(basename(path));
}

/** Version control folders are never reviewed, whatever the configuration says. */
export const alwaysExcluded: ReadonlySet<string> = new Set(['.git', '.hg', '.svn']);

interface Matchers {
  exclude: Ignore;
  testCode: Ignore;
  perFileIgnores: { matcher: Ignore; codes: string[] }[];
}

const matchersOf = new WeakMap<ProjectConfig, Matchers>();

function matchers(config: ProjectConfig): Matchers {
  let found = matchersOf.get(config);
  if (!found) {
    found = {
      exclude: ignore().add([...(config.exclude ?? defaultExcludes), ...config.extendExclude]),
      testCode: ignore().add(config.testCode.paths),
      perFileIgnores: config.perFileIgnores.map(({ pattern, codes }) => ({ matcher: ignore().add(pattern), codes })),
    };
    matchersOf.set(config, found);
  }
  return found;
}

/** The path below the configuration's folder, with `/`; undefined for a path outside it. */
function pathInProject(config: ProjectConfig, path: string): string | undefined {
  const inside = relative(config.root, path).split(sep).join('/');
  return !inside || inside.startsWith('../') || inside === '..' || /^[A-Za-z]:/.test(inside) || inside.startsWith('/') ? undefined : inside;
}

/** Is this file or folder excluded by the configuration (`exclude`, `extend-exclude`)? */
export function isExcluded(config: ProjectConfig | undefined, path: string, isDirectory: boolean): boolean {
  if (!config) return false;
  const inside = pathInProject(config, path);
  return inside !== undefined && matchers(config).exclude.ignores(isDirectory ? `${inside}/` : inside);
}

/** The options for one file: the configuration's keys over `base`. */
export function optionsForFile(base: AnalyzeOptions, config: ProjectConfig | undefined, filePath: string | undefined): AnalyzeOptions {
  if (!config) return base;
  const inside = filePath === undefined ? undefined : pathInProject(config, filePath);
  const found = matchers(config);
  const fileIgnores = inside === undefined ? [] : found.perFileIgnores.filter(({ matcher }) => matcher.ignores(inside)).flatMap(({ codes }) => codes);
  const ignored = [...(config.ignore ?? base.ignore ?? []), ...fileIgnores];
  const options: AnalyzeOptions = {
    ...base,
    select: config.select ?? base.select,
    ignore: ignored,
    extendSelect: [...(base.extendSelect ?? []), ...(config.extendSelect ?? [])],
    severityOverrides: { ...base.severityOverrides, ...config.severity },
    thresholds: { ...base.thresholds, ...config.thresholds },
  };
  if (inside !== undefined && config.testCode.paths.length > 0 && found.testCode.ignores(inside)) options.isTestCode = true;
  if (config.testCode.severity === 'unchanged') options.demoteTestCode = false;
  else if (config.testCode.severity) options.testCodeSeverity = config.testCode.severity;
  if (config.taint) options.taintExtensions = config.taint;
  return options;
}
