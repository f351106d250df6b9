// The project configuration as `llama-review check` applies it: each file's nearest configuration
// file (up to the repository root), or the one named by --config, or none with --no-config.
// Command-line options win over the file: --select replaces its rule choice (select, ignore,
// extend-select; per-file ignores still apply), --ignore adds to it.
import { resolve } from 'node:path';
import { ConfigDiscovery, readConfigFile } from '../analysis/config/configDiscovery';
import { isRepositoryRoot } from '../analysis/repositoryRoot';
import { isExcluded, isExcludedByDefault, optionsForFile } from '../analysis/config/fileOptions';
import { describeProblem, type ConfigProblem, type ProjectConfig } from '../analysis/config/projectConfig';
import type { AnalyzeOptions } from '../analysis/engine';
import type { Exclusion } from './files';
import { UsageError } from './io';

export interface CommandLineChoices {
  select?: readonly string[];
  ignore?: readonly string[];
  /** Set only when --no-test-demotion was given. */
  demoteTestCode?: false;
}

type Source = { kind: 'discover'; discovery: ConfigDiscovery } | { kind: 'fixed'; config: ProjectConfig; problems: ConfigProblem[] } | { kind: 'none' };

export class ProjectSettings {
  private constructor(
    private readonly source: Source,
    private readonly base: AnalyzeOptions,
    private readonly choices: CommandLineChoices,
  ) {}

  /** `configFile`: --config; `enabled`: false with --no-config. */
  static async create(base: AnalyzeOptions, choices: CommandLineChoices, configFile: string | undefined, enabled: boolean): Promise<ProjectSettings> {
    if (!enabled) return new ProjectSettings({ kind: 'none' }, base, choices);
    if (configFile === undefined) return new ProjectSettings({ kind: 'discover', discovery: new ConfigDiscovery({ isBoundary: isRepositoryRoot }) }, base, choices);
    const parsed = await readConfigFile(resolve(configFile));
    if (!parsed) throw new UsageError(`cannot read the configuration ${configFile}: no such file.`);
    if (!parsed.config && parsed.problems[0]) throw new UsageError(`cannot read the configuration ${configFile}: ${parsed.problems[0].message}.`);
    if (!parsed.config) throw new UsageError(`${configFile} has no [tool.llama-review] table.`);
    return new ProjectSettings({ kind: 'fixed', config: parsed.config, problems: parsed.problems }, base, choices);
  }

  private configFor(path: string): Promise<ProjectConfig | undefined> | ProjectConfig | undefined {
    if (this.source.kind === 'discover') return this.source.discovery.forFile(path);
    return this.source.kind === 'fixed' ? this.source.config : undefined;
  }

  /** The walk's exclusion: the nearest configuration's patterns, or the built-in folders without one. */
  readonly exclusion: Exclusion = async (path, isDirectory) => {
    const config = await this.configFor(path);
    return config ? isExcluded(config, path, isDirectory) : isExcludedByDefault(path, isDirectory);
  };

  async optionsFor(path: string): Promise<AnalyzeOptions> {
    const { select, ignore, demoteTestCode } = this.choices;
    const config = await this.configFor(path);
    const options = optionsForFile({ ...this.base, select }, select && config ? this.withoutRuleChoice(config) : config, path);
    return {
      ...options,
      ...(ignore ? { ignore: [...(options.ignore ?? []), ...ignore] } : {}),
      ...(demoteTestCode === false ? { demoteTestCode } : {}),
    };
  }

  private readonly stripped = new Map<ProjectConfig, ProjectConfig>();

  /** The configuration without the rule choice --select takes over (kept, so its patterns compile once). */
  private withoutRuleChoice(config: ProjectConfig): ProjectConfig {
    let stripped = this.stripped.get(config);
    if (!stripped) {
      stripped = { ...config, select: undefined, ignore: undefined, extendSelect: undefined };
      this.stripped.set(config, stripped);
    }
    return stripped;
  }

  /** Each problem of the configuration files read, as a line for standard error. */
  problemLines(shownPath: (file: string) => string): string[] {
    const problems = this.source.kind === 'discover' ? this.source.discovery.problems() : this.source.kind === 'fixed' ? this.source.problems : [];
    return problems.map((problem) => describeProblem(problem, shownPath(problem.file)));
  }
}
