// `check --write-baseline FILE`, `--baseline FILE` and `--diff [REF]`: which findings a run
// reports. The filters work on the reports before any format sees them, so every format (and
// --statistics) shows the same findings; what was left out is counted on standard error.
import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  baselineEntry, baselinePath, BaselineFormatError, compareWithBaseline, createBaseline, parseBaseline, serializeBaseline,
  type BaselineEntry, type LocatedFinding,
} from '../analysis/baseline';
import type { Finding } from '../analysis/finding';
import type { ChangedLines } from '../analysis/changes/changedLines';
import { changedLinesSince, GitError } from '../analysis/changes/gitChanges';
import type { OptionSpec, ParsedArgs } from './args';
import type { FileReport } from './formats/fileReport';
import { UsageError, type CliIO } from './io';
import { toolVersion } from './version';

export const reportFilterOptions: Record<string, OptionSpec> = {
  'write-baseline': { kind: 'value' },
  baseline: { kind: 'value' },
  diff: { kind: 'value', bare: 'HEAD' },
};

function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** The folders git is asked about: each named folder, or the folder of each named file. */
async function gitFolders(paths: readonly string[]): Promise<string[]> {
  const folders: string[] = [];
  for (const path of paths) {
    const stat = await fs.stat(path).catch(() => undefined);
    if (stat) folders.push(stat.isDirectory() ? resolve(path) : dirname(resolve(path)));
  }
  return folders;
}

async function readBaselineFile(file: string): Promise<BaselineEntry[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UsageError(`--baseline ${file}: ${missing ? 'no such file; write one with --write-baseline FILE' : (error as Error).message}.`);
  }
  try {
    return parseBaseline(text).findings;
  } catch (error) {
    if (error instanceof BaselineFormatError) throw new UsageError(`--baseline ${file} is not a usable baseline: ${error.message}`);
    throw error;
  }
}

async function readChangedLines(ref: string, paths: readonly string[]): Promise<ChangedLines> {
  try {
    return await changedLinesSince(ref, await gitFolders(paths));
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    // `--diff src/` takes src/ as the revision; say how to name paths instead.
    const isPath = await fs.stat(ref).then(() => true, () => false);
    const hint = isPath ? ` ("${ref}" is a path: write --diff HEAD ${ref}, or --diff=REF)` : '';
    throw new UsageError(`--diff ${ref}: ${error.message}${hint}`);
  }
}

interface FilterOptions {
  writeBaseline?: string;
  baseline?: { file: string; entries: BaselineEntry[] };
  diff?: { ref: string; changed: ChangedLines };
}

export class ReportFilter {
  private constructor(private readonly options: FilterOptions) {}

  /** Reads the baseline and asks git for the changed lines first, so a mistake stops the run before any file is checked. */
  static async fromArgs(parsed: ParsedArgs, paths: readonly string[]): Promise<ReportFilter> {
    const writeBaseline = parsed.values.get('write-baseline');
    const baselineFile = parsed.values.get('baseline');
    const diffRef = parsed.values.get('diff');
    if (writeBaseline && (baselineFile || diffRef)) throw new UsageError('--write-baseline records every finding; it does not combine with --baseline or --diff.');
    return new ReportFilter({
      writeBaseline,
      baseline: baselineFile ? { file: baselineFile, entries: await readBaselineFile(baselineFile) } : undefined,
      diff: diffRef ? { ref: diffRef, changed: await readChangedLines(diffRef, paths) } : undefined,
    });
  }

  /** Whether this run writes a baseline instead of reporting. */
  get writesBaseline(): boolean {
    return this.options.writeBaseline !== undefined;
  }

  /** Writes every finding of the run as the baseline; false (and a message) when the file cannot be written. */
  async writeBaseline(reports: readonly FileReport[], io: CliIO): Promise<boolean> {
    const file = this.options.writeBaseline!;
    const located = locate(reports, file);
    try {
      await fs.writeFile(file, serializeBaseline(createBaseline(located, toolVersion())), 'utf8');
    } catch (error) {
      io.stderr.write(`llama-review: cannot write the baseline ${file}: ${(error as Error).message}\n`);
      return false;
    }
    io.stderr.write(`llama-review: wrote ${plural(located.length, 'finding')} to the baseline ${file}.\n`);
    return true;
  }

  /** The reports with only the findings to show: not in the baseline (matched first, so stale counts are right), and on changed lines. */
  apply(reports: readonly FileReport[], io: CliIO): FileReport[] {
    let shown = [...reports];
    if (this.options.baseline) shown = withoutBaselined(shown, this.options.baseline, io);
    if (this.options.diff) shown = onChangedLines(shown, this.options.diff, io);
    return shown;
  }
}

/** The file a report is about; check outcomes always carry it. */
function checkedFile(report: FileReport): string {
  if (report.file === undefined) throw new Error(`The report of ${report.path} does not say which file it is about.`);
  return report.file;
}

/** Each finding with its path relative to the baseline file's folder, as baselines name files. */
function locate(reports: readonly FileReport[], baselineFile: string): LocatedFinding[] {
  const folder = dirname(resolve(baselineFile));
  return reports.flatMap((report) => {
    const path = baselinePath(folder, checkedFile(report));
    return report.findings.map((finding) => ({ path, finding }));
  });
}

function withoutBaselined(reports: FileReport[], baseline: NonNullable<FilterOptions['baseline']>, io: CliIO): FileReport[] {
  const comparison = compareWithBaseline(locate(reports, baseline.file), baselineEntry, baseline.entries);
  const fresh = new Set<Finding>(comparison.fresh.map(({ finding }) => finding));
  const stale = comparison.stale.length > 0 ? `; ${plural(comparison.stale.length, 'baseline entry', 'baseline entries')} no longer found (stale)` : '';
  io.stderr.write(`llama-review: ${plural(comparison.baselined.length, 'finding')} in the baseline ${baseline.file} not shown${stale}.\n`);
  return reports.map((report) => ({ ...report, findings: report.findings.filter((finding) => fresh.has(finding)) }));
}

function onChangedLines(reports: FileReport[], diff: NonNullable<FilterOptions['diff']>, io: CliIO): FileReport[] {
  let outside = 0;
  const shown = reports.map((report) => {
    const file = checkedFile(report);
    const findings = report.findings.filter((finding) => diff.changed.touches(file, finding.range));
    outside += report.findings.length - findings.length;
    return { ...report, findings };
  });
  io.stderr.write(`llama-review: ${plural(outside, 'finding')} outside the lines changed since ${diff.ref} not shown (${plural(diff.changed.fileCount, 'changed file')}).\n`);
  return shown;
}
