// A baseline: the findings a project has accepted for now, so that only new ones are reported.
// A versioned JSON file, entries in a stable order so that it diffs well under version control.
// Entries are matched by fingerprint (see fingerprint.ts), counted: a baseline with two identical
// findings in a file accepts two, and a third is new. The line is there for people only.
import { relative, sep } from 'node:path';
import type { Finding } from './finding';
import { findingFingerprint } from './fingerprint';

export const baselineFormatVersion = 1;

export interface BaselineEntry {
  rule: string;
  /** Relative to the folder that holds the baseline file, with forward slashes. */
  path: string;
  /** 1-based; information only, never matched. */
  line: number;
  fingerprint: string;
}

export interface Baseline {
  version: typeof baselineFormatVersion;
  tool: 'llama-review';
  toolVersion: string;
  findings: BaselineEntry[];
}

/** A finding with its file's path relative to the baseline's folder. */
export interface LocatedFinding {
  path: string;
  finding: Finding;
}

export class BaselineFormatError extends Error {}

/** `absolutePath` relative to `baselineFolder`, with forward slashes, as baseline entries name files. */
export function baselinePath(baselineFolder: string, absolutePath: string): string {
  return relative(baselineFolder, absolutePath).split(sep).join('/');
}

export function baselineEntry({ path, finding }: LocatedFinding): BaselineEntry {
  return { rule: finding.ruleId, path, line: finding.range.start.line + 1, fingerprint: findingFingerprint(path, finding) };
}

/** Code-point order: the same in every locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return compareText(a.path, b.path) || a.line - b.line || compareText(a.rule, b.rule) || compareText(a.fingerprint, b.fingerprint);
}

export function createBaseline(findings: readonly LocatedFinding[], toolVersion: string): Baseline {
  return { version: baselineFormatVersion, tool: 'llama-review', toolVersion, findings: findings.map(baselineEntry).sort(compareEntries) };
}

export function serializeBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + '\n';
}

function entryAt(value: unknown, index: number): BaselineEntry {
  const entry = value as Partial<Record<keyof BaselineEntry, unknown>> | null;
  const valid =
    typeof entry === 'object' && entry !== null &&
    typeof entry.rule === 'string' && typeof entry.path === 'string' &&
    typeof entry.fingerprint === 'string' && entry.fingerprint !== '' &&
    (entry.line === undefined || (typeof entry.line === 'number' && Number.isInteger(entry.line)));
  if (!valid) throw new BaselineFormatError(`entry ${index + 1} of "findings" needs a rule, a path and a fingerprint (strings) and a whole line number.`);
  return { rule: entry.rule as string, path: entry.path as string, line: (entry.line as number | undefined) ?? 0, fingerprint: entry.fingerprint as string };
}

/** Reads a baseline file's text; a BaselineFormatError says what is wrong with it. */
export function parseBaseline(text: string): Baseline {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BaselineFormatError(`not valid JSON (${(error as Error).message}).`);
  }
  const file = parsed as { version?: unknown; toolVersion?: unknown; findings?: unknown } | null;
  if (typeof file !== 'object' || file === null || Array.isArray(file)) throw new BaselineFormatError('not a baseline: expected a JSON object with "version" and "findings".');
  if (typeof file.version === 'number' && file.version > baselineFormatVersion) {
    throw new BaselineFormatError(`written in baseline format ${file.version} by a newer llama-review; this one reads format ${baselineFormatVersion}.`);
  }
  if (file.version !== baselineFormatVersion) throw new BaselineFormatError(`not a baseline: "version" must be ${baselineFormatVersion}.`);
  if (!Array.isArray(file.findings)) throw new BaselineFormatError('not a baseline: "findings" must be an array.');
  return {
    version: baselineFormatVersion,
    tool: 'llama-review',
    toolVersion: typeof file.toolVersion === 'string' ? file.toolVersion : 'unknown',
    findings: file.findings.map(entryAt),
  };
}

export interface BaselineComparison<T> {
  /** Not in the baseline, in their original order. */
  fresh: T[];
  baselined: T[];
  /** Baseline entries no current finding matched. */
  stale: BaselineEntry[];
}

/**
 * Matches findings to baseline entries by fingerprint, one entry for one finding. Among identical
 * findings, one on the same line as an entry takes that entry first; the rest pair in line order,
 * so a run with one more than the baseline reports one.
 */
export function compareWithBaseline<T>(current: readonly T[], entryOf: (item: T) => BaselineEntry, baseline: readonly BaselineEntry[]): BaselineComparison<T> {
  const waiting = new Map<string, BaselineEntry[]>();
  for (const entry of [...baseline].sort(compareEntries)) waiting.set(entry.fingerprint, [...(waiting.get(entry.fingerprint) ?? []), entry]);
  const entries = current.map(entryOf);
  const matched = new Set<number>();
  const take = (index: number, pick: (candidates: BaselineEntry[]) => number) => {
    const candidates = waiting.get(entries[index].fingerprint);
    const at = candidates ? pick(candidates) : -1;
    if (at < 0) return;
    candidates!.splice(at, 1);
    matched.add(index);
  };
  for (let index = 0; index < entries.length; index++) take(index, (candidates) => candidates.findIndex((entry) => entry.line === entries[index].line));
  const byLine = entries.map((_, index) => index).filter((index) => !matched.has(index)).sort((a, b) => entries[a].line - entries[b].line);
  for (const index of byLine) take(index, (candidates) => (candidates.length > 0 ? 0 : -1));
  return {
    fresh: current.filter((_, index) => !matched.has(index)),
    baselined: current.filter((_, index) => matched.has(index)),
    stale: [...waiting.values()].flat().sort(compareEntries),
  };
}
