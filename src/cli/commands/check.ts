// `llama-review check [paths...]`: parse-based review of Python files for CI and terminals.
import { promises as fs } from 'node:fs';
import { defaultMaxBytes, defaultTimeBudgetMs, type AnalyzeOptions } from '../../analysis/engine';
import { parseArgs } from '../args';
import { skippedOutcome, type FileCheckRequest } from '../checkFile';
import { checkFiles, defaultMemoryLimitMb, jobCount } from '../checkPool';
import { findPythonFiles } from '../files';
import { displayPath, pathUri } from '../pathNames';
import type { FileReport } from '../formats/fileReport';
import { formatJson } from '../formats/json';
import { formatSarif } from '../formats/sarif';
import { formatText } from '../formats/text';
import { exitCodes, UsageError, type CliIO } from '../io';
import { toolVersion } from '../version';

export const checkUsage = `Usage: llama-review check [options] [paths...]

Reviews Python files (folders are walked; .gitignore'd paths are skipped).

Options:
  --format text|json|sarif   Output format (default: text)
  --select CODES             Only these rules: ids, aliases (S602, B602) or prefixes (S6), or
                             a category (security, performance, refactoring); comma-separated
  --ignore CODES             Skip these rules (same forms as --select)
  --output FILE              Write the report to FILE instead of standard output
  --fix                      Apply the deterministic fixes in place, then report what is left
  --max-bytes N              Skip files larger than N bytes (default: ${defaultMaxBytes})
  --time-budget MS           Skip a file whose analysis takes longer (default: ${defaultTimeBudgetMs})
  --memory-limit MB          Skip a file whose check needs more memory (default: ${defaultMemoryLimitMb})
  --strict                   Exit 2 when any file was skipped (too large, too slow, not a file...)
  --exit-zero                Exit 0 even when there are findings
  --jobs N|auto              Files checked in parallel, one worker thread each (default: auto,
                             one per core for large trees)

Exit codes: 0 no findings, 1 findings, 2 usage or I/O error (or, with --strict, a skipped file).
`;

function positiveOption(text: string | undefined, fallback: number, name: string): number {
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`--${name} must be a positive whole number; got "${text}".`);
  return value;
}

export async function runCheck(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args, {
    help: { kind: 'flag' },
    format: { kind: 'value', choices: ['text', 'json', 'sarif'] },
    select: { kind: 'list' },
    ignore: { kind: 'list' },
    output: { kind: 'value' },
    fix: { kind: 'flag' },
    'max-bytes': { kind: 'value' },
    'time-budget': { kind: 'value' },
    'memory-limit': { kind: 'value' },
    strict: { kind: 'flag' },
    'exit-zero': { kind: 'flag' },
    jobs: { kind: 'value' },
  });
  if (parsed.flags.has('help')) {
    io.stdout.write(checkUsage);
    return exitCodes.clean;
  }
  const maxBytes = positiveOption(parsed.values.get('max-bytes'), defaultMaxBytes, 'max-bytes');
  const timeBudgetMs = positiveOption(parsed.values.get('time-budget'), defaultTimeBudgetMs, 'time-budget');
  const memoryLimitMb = positiveOption(parsed.values.get('memory-limit'), defaultMemoryLimitMb, 'memory-limit');
  const jobsText = parsed.values.get('jobs') ?? 'auto';
  const jobsSetting = jobsText === 'auto' ? 'auto' : Number(jobsText);
  if (jobsSetting !== 'auto' && (!Number.isInteger(jobsSetting) || jobsSetting <= 0)) {
    io.stderr.write(`llama-review: --jobs takes a positive whole number or "auto"; got "${jobsText}".\n`);
    return exitCodes.usage;
  }
  const options: AnalyzeOptions = { select: parsed.lists.get('select'), ignore: parsed.lists.get('ignore'), maxBytes, timeBudgetMs };
  const paths = parsed.positionals.length > 0 ? parsed.positionals : ['.'];
  const walked = await findPythonFiles(paths);
  let ioFailed = walked.errors.length > 0;
  for (const error of walked.errors) io.stderr.write(`llama-review: ${displayPath(error.path)}: ${error.message}\n`);

  const fix = parsed.flags.has('fix');
  const requestFor = (file: string | Buffer): FileCheckRequest => ({ file, path: displayPath(file), uri: pathUri(file), options, fix });
  const requests = walked.files.map(requestFor);
  const { outcomes } = await checkFiles(requests, jobCount(jobsSetting, requests.length), { memoryLimitMb });
  // Named paths that are not regular files are reported with the rest, in their place in the run.
  outcomes.push(...walked.skipped.map((skipped) => skippedOutcome(requestFor(skipped.path), skipped)));
  const reports: FileReport[] = [];
  let fixed = 0;
  for (const outcome of outcomes) {
    for (const message of outcome.messages) io.stderr.write(`llama-review: ${message}\n`);
    ioFailed ||= outcome.ioFailed;
    fixed += outcome.fixesApplied;
    if (outcome.report) reports.push(outcome.report);
  }

  const format = parsed.values.get('format') ?? 'text';
  const output = format === 'json' ? formatJson(reports) : format === 'sarif' ? formatSarif(reports, toolVersion()) : formatText(reports);
  const outputPath = parsed.values.get('output');
  if (outputPath) {
    try {
      await fs.writeFile(outputPath, output, 'utf8');
    } catch (error) {
      io.stderr.write(`llama-review: cannot write ${outputPath}: ${(error as Error).message}\n`);
      return exitCodes.usage;
    }
  } else {
    io.stdout.write(output);
  }
  if (fixed > 0) io.stderr.write(`llama-review: applied ${fixed} fix${fixed === 1 ? '' : 'es'}.\n`);
  if (ioFailed) return exitCodes.usage;
  if (parsed.flags.has('strict') && reports.some((report) => report.skipped)) return exitCodes.usage;
  const hasFindings = reports.some((report) => report.findings.length > 0);
  return hasFindings && !parsed.flags.has('exit-zero') ? exitCodes.findings : exitCodes.clean;
}
