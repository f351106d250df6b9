// `llama-review check [paths...]`: parse-based review of Python files and templates for CI and terminals.
import { promises as fs } from 'node:fs';
import { defaultMaxBytes, defaultTimeBudgetMs, type AnalyzeOptions } from '../../analysis/engine';
import { languageSupport } from '../../analysis/languages';
import { referencedFiles } from '../../analysis/templates/references';
import { parseArgs, type OptionSpec, type ParsedArgs } from '../args';
import { skippedOutcome, type FileCheckOutcome, type FileCheckRequest } from '../checkFile';
import { checkFiles, defaultMemoryLimitMb, jobCount } from '../checkPool';
import { findSourceFiles, type SourceFile } from '../files';
import { gitignoreNotice } from '../gitignoreNotice';
import { artifactUri, displayPath, pathText, type FilePath } from '../pathNames';
import { chooseSourceRoot } from '../sourceRoot';
import type { FileReport } from '../formats/fileReport';
import { chosenReport, renderReport, reportFormatOptions, type ReportChoice, type ReportContext } from '../formats/reportFormat';
import { exitCodes, UsageError, type CliIO } from '../io';
import { ProjectSettings } from '../projectSettings';
import { ReportFilter, reportFilterOptions } from '../reportFilter';
import { toolVersion } from '../version';

export const checkUsage = `Usage: llama-review check [options] [paths...]

Reviews Python files and Jinja2 / Django templates (folders are walked; .gitignore'd paths are
skipped). Templates: .jinja, .jinja2 and .j2 files; .html, .htm, .txt and .xml files inside a
templates folder, or named by a render call (render_template, render, get_template, ...) of a
Python file that is checked.

Options:
  --format text|json|sarif|github
                             Output format (default: text). sarif: paths relative to the git
                             repository root (else the working directory); github: GitHub
                             Actions annotations (::error file=...::message)
  --output-format FORMAT     The same as --format
  --statistics               Counts per rule instead of one line per finding (text or json)
  --select CODES             Only these rules: ids, aliases (S602, B602) or prefixes (S6), or
                             a category (security, reliability, performance, refactoring);
                             comma-separated
  --ignore CODES             Skip these rules (same forms as --select)
  --output FILE              Write the report to FILE instead of standard output
  --fix                      Apply the safe fixes in place, then report what is left
  --unsafe-fixes             Also count the unsafe fixes (they change behaviour) as fixable, so
                             that --fix applies them too
  --max-bytes N              Skip files larger than N bytes (default: ${defaultMaxBytes})
  --time-budget MS           Skip a file whose analysis takes longer (default: ${defaultTimeBudgetMs})
  --memory-limit MB          Skip a file whose check needs more memory (default: ${defaultMemoryLimitMb})
  --strict                   Exit 2 when any file was skipped (too large, too slow, not a file...)
  --exit-zero                Exit 0 even when there are findings
  --no-test-demotion         Keep full severities in test code (tests/, test_*.py, conftest.py),
                             where the secrets, TLS, timeout, /tmp, except and test-settings
                             rules otherwise report as hints
  --jobs N|auto              Files checked in parallel, one worker thread each (default: auto,
                             one per core for large trees)
  --environment-sources      Treat environment variables (os.environ, os.getenv) as untrusted
                             input for the taint rules
  --no-follow-imports        Do not follow calls into helpers imported from other project files
  --template-folders NAMES   Folder names whose .html/.htm/.txt/.xml files are templates
                             (default: templates); comma-separated
  --config FILE              Use this configuration file for every file (llama-review.toml or a
                             pyproject.toml with [tool.llama-review]) instead of each file's
                             nearest one
  --no-config                Ignore configuration files
  --no-gitignore             Walk folders without their .gitignore rules (tool and environment
                             folders, and the configuration's exclude, are still skipped); files
                             named here are checked even when .gitignore'd
  --write-baseline FILE      Record today's findings in FILE (JSON) and exit 0; paths in it are
                             relative to FILE's folder
  --baseline FILE            Report only findings that are not in the baseline FILE
  --diff [REF]               Report only findings on lines changed since REF (default: HEAD):
                             the working tree against REF, untracked files as wholly new; use
                             --diff=REF or put paths after REF (--diff HEAD src/)

Configuration: each file's nearest .llama-review.toml, llama-review.toml or pyproject.toml with a
[tool.llama-review] table, up to the repository root. --select replaces its selection; --ignore
adds to it.

Exit codes: 0 no findings, 1 findings, 2 usage or I/O error (or, with --strict, a skipped file).
`;

function positiveOption(text: string | undefined, fallback: number, name: string): number {
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`--${name} must be a positive whole number; got "${text}".`);
  return value;
}

export const checkOptionSpecs: Record<string, OptionSpec> = {
  help: { kind: 'flag' },
  ...reportFormatOptions,
  select: { kind: 'list' },
  ignore: { kind: 'list' },
  output: { kind: 'value' },
  fix: { kind: 'flag' },
  'unsafe-fixes': { kind: 'flag' },
  'max-bytes': { kind: 'value' },
  'time-budget': { kind: 'value' },
  'memory-limit': { kind: 'value' },
  strict: { kind: 'flag' },
  'exit-zero': { kind: 'flag' },
  'no-test-demotion': { kind: 'flag' },
  jobs: { kind: 'value' },
  'environment-sources': { kind: 'flag' },
  'no-follow-imports': { kind: 'flag' },
  'template-folders': { kind: 'list' },
  config: { kind: 'value' },
  'no-config': { kind: 'flag' },
  'no-gitignore': { kind: 'flag' },
  ...reportFilterOptions,
};

/** What a check found, filtered as the options say, before it is written. */
export interface CheckRun {
  reports: FileReport[];
  choice: ReportChoice;
  context: ReportContext;
  ioFailed: boolean;
  fixesApplied: number;
}

export async function runCheck(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args, checkOptionSpecs);
  if (parsed.flags.has('help')) {
    io.stdout.write(checkUsage);
    return exitCodes.clean;
  }
  const run = await checkFromOptions(parsed, io);
  if (typeof run === 'number') return run;
  if (!(await writeReport(renderReport(run.reports, run.choice, run.context), parsed, io))) return exitCodes.usage;
  if (run.fixesApplied > 0) io.stderr.write(`llama-review: applied ${run.fixesApplied} fix${run.fixesApplied === 1 ? '' : 'es'}.\n`);
  return checkExitCode(run, parsed);
}

/** The check `check` runs (and `triage` before it asks the model); an exit code when the run ends there (a baseline written). */
export async function checkFromOptions(parsed: ParsedArgs, io: CliIO): Promise<CheckRun | number> {
  const reportChoice = chosenReport(parsed);
  const maxBytes = positiveOption(parsed.values.get('max-bytes'), defaultMaxBytes, 'max-bytes');
  const timeBudgetMs = positiveOption(parsed.values.get('time-budget'), defaultTimeBudgetMs, 'time-budget');
  const memoryLimitMb = positiveOption(parsed.values.get('memory-limit'), defaultMemoryLimitMb, 'memory-limit');
  const jobsText = parsed.values.get('jobs') ?? 'auto';
  const jobsSetting = jobsText === 'auto' ? 'auto' : Number(jobsText);
  if (jobsSetting !== 'auto' && (!Number.isInteger(jobsSetting) || jobsSetting <= 0)) {
    io.stderr.write(`llama-review: --jobs takes a positive whole number or "auto"; got "${jobsText}".\n`);
    return exitCodes.usage;
  }
  const options: AnalyzeOptions = {
    maxBytes,
    timeBudgetMs,
    environmentSources: parsed.flags.has('environment-sources'),
    followImports: !parsed.flags.has('no-follow-imports'),
  };
  const choices = {
    select: parsed.lists.get('select'),
    ignore: parsed.lists.get('ignore'),
    ...(parsed.flags.has('no-test-demotion') ? { demoteTestCode: false as const } : {}),
  };
  const settings = await ProjectSettings.create(options, choices, parsed.values.get('config'), !parsed.flags.has('no-config'));
  const paths = parsed.positionals.length > 0 ? parsed.positionals : ['.'];
  const reportFilter = await ReportFilter.fromArgs(parsed, paths);
  const templateFolders = parsed.lists.get('template-folders');
  const walkOptions = {
    ...(templateFolders ? { folders: { template: templateFolders } } : {}),
    exclusion: settings.exclusion,
    gitignore: !parsed.flags.has('no-gitignore'),
  };
  const walked = await findSourceFiles(paths, walkOptions);
  const gitignored = await gitignoreNotice(walked, walkOptions);
  if (gitignored) io.stderr.write(gitignored);
  let ioFailed = walked.errors.length > 0;
  for (const error of walked.errors) io.stderr.write(`llama-review: ${displayPath(error.path)}: ${error.message}\n`);
  for (const line of settings.problemLines(displayPath)) io.stderr.write(`llama-review: ${line}\n`);
  for (const path of walked.excluded) io.stderr.write(`llama-review: ${displayPath(path)}: excluded by the project configuration; not checked\n`);

  const fix = parsed.flags.has('fix');
  const sourceRoot = await chooseSourceRoot(paths);
  const unsafeFixes = parsed.flags.has('unsafe-fixes');
  const requestFor = (file: FilePath, fileOptions: AnalyzeOptions, language?: string): FileCheckRequest => ({ file, path: displayPath(file), uri: artifactUri(file, sourceRoot), uriRoot: sourceRoot, language, options: fileOptions, fix, unsafeFixes });
  const request = async ({ path, language }: SourceFile) => requestFor(path, await settings.optionsFor(pathText(path)), language);
  // Files list the templates they render only when the walk found templates that need naming.
  const listRenderedTemplates = walked.candidates.length > 0;
  const requests: FileCheckRequest[] = [];
  for (const file of walked.files) requests.push({ ...(await request(file)), listRenderedTemplates: listRenderedTemplates && !!languageSupport(file.language)?.templateNames });
  const { outcomes } = await checkFiles(requests, jobCount(jobsSetting, requests.length), { memoryLimitMb });
  if (listRenderedTemplates) outcomes.push(...(await checkRenderedTemplates(walked.candidates, outcomes, request, jobsSetting, memoryLimitMb)));
  // Named paths that are not regular files are reported with the rest, in their place in the run.
  outcomes.push(...walked.skipped.map((skipped) => skippedOutcome(requestFor(skipped.path, options), skipped)));
  const reports: FileReport[] = [];
  let fixed = 0;
  for (const outcome of outcomes) {
    for (const message of outcome.messages) io.stderr.write(`llama-review: ${message}\n`);
    ioFailed ||= outcome.ioFailed;
    fixed += outcome.fixesApplied;
    if (outcome.report) reports.push(outcome.report);
  }

  if (reportFilter.writesBaseline) return (await reportFilter.writeBaseline(reports, io)) && !ioFailed ? exitCodes.clean : exitCodes.usage;
  const context = { toolVersion: toolVersion(), sourceRoot, includeUnsafe: unsafeFixes };
  return { reports: reportFilter.apply(reports, io), choice: reportChoice, context, ioFailed, fixesApplied: fixed };
}

/** To --output FILE or standard output; false (after saying why) when the file cannot be written. */
export async function writeReport(output: string, parsed: ParsedArgs, io: CliIO): Promise<boolean> {
  const outputPath = parsed.values.get('output');
  if (!outputPath) {
    io.stdout.write(output);
    return true;
  }
  try {
    await fs.writeFile(outputPath, output, 'utf8');
    return true;
  } catch (error) {
    io.stderr.write(`llama-review: cannot write ${outputPath}: ${(error as Error).message}\n`);
    return false;
  }
}

export function checkExitCode(run: CheckRun, parsed: ParsedArgs): number {
  if (run.ioFailed) return exitCodes.usage;
  if (parsed.flags.has('strict') && run.reports.some((report) => report.skipped)) return exitCodes.usage;
  const hasFindings = run.reports.some((report) => report.findings.length > 0);
  return hasFindings && !parsed.flags.has('exit-zero') ? exitCodes.findings : exitCodes.clean;
}

/** The templates outside template folders that a checked file renders, checked in a second round. */
async function checkRenderedTemplates(
  candidates: readonly SourceFile[],
  outcomes: readonly FileCheckOutcome[],
  request: (file: SourceFile) => Promise<FileCheckRequest>,
  jobsSetting: number | 'auto',
  memoryLimitMb: number,
): Promise<FileCheckOutcome[]> {
  const names = outcomes.flatMap((outcome) => outcome.renderedTemplates ?? []);
  const rendered = new Set(referencedFiles(candidates.map((candidate) => pathText(candidate.path)), names));
  const requests = await Promise.all(candidates.filter((candidate) => rendered.has(pathText(candidate.path))).map(request));
  return requests.length > 0 ? (await checkFiles(requests, jobCount(jobsSetting, requests.length), { memoryLimitMb })).outcomes : [];
}
