// Verdicts already asked for, so a second run (or a second look in the editor) does not ask the
// model again about code that has not changed. In memory, with an optional JSON file for the CLI.
//
// The key is the finding's content fingerprint (rule, flagged lines, enclosing definitions; see
// analysis/fingerprint.ts) plus a hash of the whole prompt and of whom it was put to. The prompt
// holds the numbered lines shown, the path lines outside them, the rule's text and the trace, so
// an edit to any shown line asks again, and so does a move: the verdict cites line numbers, which
// would be wrong elsewhere. Whom: the provider, the model setting and the answer's token limit, so
// another model, or room for a whole answer after one was cut off, asks again too.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Finding } from '../../analysis/finding';
import type { PromptParts } from '../prompts';
import type { ProviderKind } from '../provider';
import type { ModelSettings } from '../settings';
import { userCacheFolder } from '../store';
import { triageVerdicts } from './triageAnswer';
import type { TriageResult } from './triageFinding';

/** Bump when the prompt, the answer schema or the verification change: older verdicts were made under other rules. */
export const triageCacheVersion = 1;

/** Oldest verdicts are dropped past this many (a few MB of JSON). */
const defaultMaxEntries = 5000;

export type CachedVerdict = Omit<TriageResult, 'cached'>;

interface CacheFile {
  version: number;
  /** Oldest first. */
  entries: Record<string, CachedVerdict>;
}

/** `askedOf`: triageAskedOf() for the settings in use; empty where one asker serves every run (tests). */
export function triageCacheKey(finding: Pick<Finding, 'contentFingerprint' | 'ruleId'>, prompt: Pick<PromptParts, 'systemPrompt' | 'prompt'>, askedOf = ''): string {
  const digest = createHash('sha256').update([String(triageCacheVersion), askedOf, prompt.systemPrompt, prompt.prompt].join('\0')).digest('hex').slice(0, 32);
  return `${finding.contentFingerprint ?? finding.ruleId}:${digest}`;
}

/** Whom a triage question goes to, as the cache key counts it: provider, model setting, token limit, temperature. */
export function triageAskedOf(settings: Pick<ModelSettings, 'tasks' | 'server'>, kind: ProviderKind): string {
  const task = settings.tasks.triage;
  const model = kind === 'openai' ? `${task.serverModel || settings.server.model}@${settings.server.baseUrl}` : task.model;
  return [kind, model, task.maxTokens, task.temperature].join(' ');
}

/** `<user cache folder>/triage.json`: outside the project, so no repository gains an untracked folder. */
export function defaultTriageCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(userCacheFolder(env), 'triage.json');
}

function isCachedVerdict(value: unknown): value is CachedVerdict {
  const entry = value as CachedVerdict;
  return (
    typeof entry === 'object' && entry !== null &&
    (triageVerdicts as readonly string[]).includes(entry.verdict) &&
    typeof entry.reason === 'string' && typeof entry.fixHint === 'string' && typeof entry.modelId === 'string' && typeof entry.verified === 'boolean' &&
    Array.isArray(entry.evidenceLines) && Array.isArray(entry.rejected) && typeof entry.provider?.kind === 'string'
  );
}

export class TriageCache {
  private readonly entries = new Map<string, CachedVerdict>();
  private changed = false;
  /** Why the file's verdicts were not used (unreadable, another version); undefined when they were or there was none. */
  loadProblem?: string;

  /** `file` absent: in memory only. */
  constructor(
    readonly file?: string,
    private readonly maxEntries = defaultMaxEntries,
  ) {}

  /** A cache backed by `file`, with the verdicts it holds; a missing file is an empty cache. */
  static async open(file: string, maxEntries?: number): Promise<TriageCache> {
    const cache = new TriageCache(file, maxEntries);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') cache.loadProblem = `cannot read ${file}: ${(error as Error).message}`;
      return cache;
    }
    try {
      const parsed = JSON.parse(text) as CacheFile;
      if (parsed?.version !== triageCacheVersion) cache.loadProblem = `${file} is from another version (${JSON.stringify(parsed?.version)}); it starts afresh`;
      else for (const [key, entry] of Object.entries(parsed.entries ?? {})) if (isCachedVerdict(entry)) cache.entries.set(key, entry);
    } catch (error) {
      cache.loadProblem = `${file} is not valid JSON (${(error as Error).message}); it starts afresh`;
    }
    return cache;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): TriageResult | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Most recently used last, so the oldest unused verdicts are the ones dropped.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.changed = true;
    return { ...entry, cached: true };
  }

  set(key: string, result: TriageResult): void {
    const { cached: _cached, ...entry } = result;
    this.entries.delete(key);
    this.entries.set(key, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
    this.changed = true;
  }

  /** Writes the file (atomically: a reader never sees half of it); nothing to do in memory or unchanged. */
  async save(): Promise<void> {
    if (!this.file || !this.changed) return;
    const contents: CacheFile = { version: triageCacheVersion, entries: Object.fromEntries(this.entries) };
    await fs.mkdir(dirname(this.file), { recursive: true });
    const partial = `${this.file}.${process.pid}.partial`;
    await fs.writeFile(partial, JSON.stringify(contents) + '\n', 'utf8');
    await fs.rename(partial, this.file);
    this.changed = false;
  }
}
