// Finding a file's configuration: from its folder upward, the nearest folder with a configuration
// file wins (so each project of a monorepo, or each folder of a multi-root workspace, has its own).
// In one folder `.llama-review.toml` comes before `llama-review.toml`, then `pyproject.toml` when it
// has a `[tool.llama-review]` table. Files are read once and kept until `clear()`.
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseProjectConfig, type ConfigFileKind, type ConfigProblem, type ParsedConfig, type ProjectConfig } from './projectConfig';

export const configFileNames: readonly { name: string; kind: ConfigFileKind }[] = [
  { name: '.llama-review.toml', kind: 'standalone' },
  { name: 'llama-review.toml', kind: 'standalone' },
  { name: 'pyproject.toml', kind: 'pyproject' },
];

/** Configuration files larger than this are reported, not read. */
const maxConfigBytes = 1024 * 1024;

export interface DiscoveryOptions {
  /** True for the last folder to look in (a workspace folder, a repository root). */
  isBoundary(folder: string): boolean | Promise<boolean>;
}

export class ConfigDiscovery {
  private readonly folders = new Map<string, Promise<ProjectConfig | undefined>>();
  private readonly parsed = new Map<string, ParsedConfig>();

  constructor(private readonly options: DiscoveryOptions) {}

  /** The configuration that applies to a file (or folder): the nearest one above it, if any. */
  forFile(filePath: string): Promise<ProjectConfig | undefined> {
    return this.forFolder(dirname(filePath));
  }

  forFolder(folder: string): Promise<ProjectConfig | undefined> {
    let found = this.folders.get(folder);
    if (!found) {
      found = this.search(folder);
      this.folders.set(folder, found);
    }
    return found;
  }

  /** Problems of every configuration file read so far, in the order read. */
  problems(): ConfigProblem[] {
    return [...this.parsed.values()].flatMap((parsed) => parsed.problems);
  }

  /** Problems of one configuration file (empty when it was not read or had none). */
  problemsOf(file: string): ConfigProblem[] {
    return this.parsed.get(file)?.problems ?? [];
  }

  /** Configuration files changed: read them again on next use. */
  clear(): void {
    this.folders.clear();
    this.parsed.clear();
  }

  private async search(folder: string): Promise<ProjectConfig | undefined> {
    for (const { name, kind } of configFileNames) {
      const file = join(folder, name);
      const parsed = await this.read(file, folder, kind);
      if (parsed?.config) return parsed.config;
    }
    const parent = dirname(folder);
    if (parent === folder || (await this.options.isBoundary(folder))) return undefined;
    return this.forFolder(parent);
  }

  private async read(file: string, folder: string, kind: ConfigFileKind): Promise<ParsedConfig | undefined> {
    const parsed = await readConfigFile(file, kind, folder);
    if (parsed) this.parsed.set(file, parsed);
    return parsed;
  }
}

/** pyproject.toml keeps our keys under [tool.llama-review]; any other name holds them at the top level. */
export function configKindOf(file: string): ConfigFileKind {
  return basename(file) === 'pyproject.toml' ? 'pyproject' : 'standalone';
}

/**
 * Reads one configuration file; undefined when there is no such file. A file too large or that
 * cannot be read gives a problem and no configuration.
 */
export async function readConfigFile(file: string, kind = configKindOf(file), folder = dirname(file)): Promise<ParsedConfig | undefined> {
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return undefined;
    if (stat.size > maxConfigBytes) return { problems: [{ file, line: 1, key: '', message: `larger than ${maxConfigBytes / 1024} KB; not read` }] };
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return { problems: [{ file, line: 1, key: '', message: `cannot be read: ${(error as Error).message}` }] };
  }
  return parseProjectConfig(text.replace(/^\uFEFF/, ''), file, folder, kind);
}
