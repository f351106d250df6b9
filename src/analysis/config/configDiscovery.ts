// Finding a file's configuration: from its folder upward, the nearest folder with a configuration
// file wins (so each project of a monorepo, or each folder of a multi-root workspace, has its own).
// In one folder `.llama-review.toml` comes before `llama-review.toml`, then `pyproject.toml` when it
// has a `[tool.llama-review]` table. Files are read once and kept until `clear()`.
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** A boundary at the repository root: the first folder upward that holds `.git`. */
export async function isRepositoryRoot(folder: string): Promise<boolean> {
  return fs.stat(join(folder, '.git')).then(
    () => true,
    () => false,
  );
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
    let text: string;
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) return undefined;
      if (stat.size > maxConfigBytes) {
        const parsed: ParsedConfig = { problems: [{ file, line: 1, key: '', message: `larger than ${maxConfigBytes / 1024} KB; not read` }] };
        this.parsed.set(file, parsed);
        return parsed;
      }
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      const parsed: ParsedConfig = { problems: [{ file, line: 1, key: '', message: `cannot be read: ${(error as Error).message}` }] };
      this.parsed.set(file, parsed);
      return parsed;
    }
    const parsed = parseProjectConfig(text.replace(/^\uFEFF/, ''), file, folder, kind);
    this.parsed.set(file, parsed);
    return parsed;
  }
}
