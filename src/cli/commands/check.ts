// `llama-review check [paths...]`: parse-based review of Python files for CI and terminals.
import { promises as fs } from 'node:fs';
import { relative, sep } from 'node:path';
import { Analyzer, defaultMaxBytes, type AnalyzeOptions } from '../../analysis/engine';
import { applyEdits } from '../../analysis/textEdits';
import { parseArgs } from '../args';
import { findPythonFiles } from '../files';
import type { FileReport } from '../formats/fileReport';
import { formatJson } from '../formats/json';
import { formatSarif } from '../formats/sarif';
import { formatText } from '../formats/text';
import { exitCodes, type CliIO } from '../io';
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
  --exit-zero                Exit 0 even when there are findings

Exit codes: 0 no findings, 1 findings, 2 usage or I/O error.
`;

const decoder = new TextDecoder('utf-8', { fatal: false });

function displayPath(path: string): string {
  const relativePath = relative(process.cwd(), path);
  return (relativePath && !relativePath.startsWith('..') ? relativePath : path).split(sep).join('/');
}

/** Applies every non-overlapping fix of one file; overlapping ones wait for the next run. */
function applyAllFixes(text: string, report: FileReport): { text: string; applied: number } {
  const edits = [];
  let applied = 0;
  const claimed: [number, number][] = [];
  for (const finding of report.findings) {
    if (!finding.fix) continue;
    const spans = finding.fix.edits.map((edit) => [edit.range.start.line, edit.range.end.line] as [number, number]);
    const overlaps = spans.some(([start, end]) => claimed.some(([from, to]) => start <= to && end >= from));
    if (overlaps) continue;
    claimed.push(...spans);
    edits.push(...finding.fix.edits);
    applied++;
  }
  return { text: applied > 0 ? applyEdits(text, edits) : text, applied };
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
    'exit-zero': { kind: 'flag' },
  });
  if (parsed.flags.has('help')) {
    io.stdout.write(checkUsage);
    return exitCodes.clean;
  }
  const maxBytesText = parsed.values.get('max-bytes');
  const maxBytes = maxBytesText === undefined ? defaultMaxBytes : Number(maxBytesText);
  if (!Number.isInteger(maxBytes) || maxBytes <= 0) {
    io.stderr.write(`llama-review: --max-bytes must be a positive whole number; got "${maxBytesText}".\n`);
    return exitCodes.usage;
  }
  const options: AnalyzeOptions = { select: parsed.lists.get('select'), ignore: parsed.lists.get('ignore'), maxBytes };
  const paths = parsed.positionals.length > 0 ? parsed.positionals : ['.'];
  const walked = await findPythonFiles(paths);
  let ioFailed = walked.errors.length > 0;
  for (const error of walked.errors) io.stderr.write(`llama-review: ${error.path}: ${error.message}\n`);

  const analyzer = await Analyzer.create();
  const reports: FileReport[] = [];
  let fixed = 0;
  try {
    for (const file of walked.files) {
      const path = displayPath(file);
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(file);
      } catch (error) {
        io.stderr.write(`llama-review: ${path}: ${(error as Error).message}\n`);
        ioFailed = true;
        continue;
      }
      let text = decoder.decode(bytes);
      let result = analyzer.analyze(text, 'python', options);
      if (parsed.flags.has('fix') && !result.skipped) {
        const report = { path, findings: result.findings };
        const outcome = applyAllFixes(text, report);
        if (outcome.applied > 0) {
          await fs.writeFile(file, outcome.text, 'utf8');
          fixed += outcome.applied;
          text = outcome.text;
          result = analyzer.analyze(text, 'python', options);
        }
      }
      for (const failure of result.ruleErrors) io.stderr.write(`llama-review: ${path}: rule ${failure.ruleId} failed: ${failure.message}\n`);
      if (result.skipped) io.stderr.write(`llama-review: ${path}: ${result.skipped.message}\n`);
      reports.push({ path, findings: result.findings, skipped: result.skipped?.message });
    }
  } finally {
    analyzer.dispose();
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
  const hasFindings = reports.some((report) => report.findings.length > 0);
  return hasFindings && !parsed.flags.has('exit-zero') ? exitCodes.findings : exitCodes.clean;
}
