// Checking one file for `llama-review check`: read, analyze, optionally fix in place and analyze
// again. The same code runs on the main thread and in the check workers.
import { promises as fs } from 'node:fs';
import type { Analyzer, AnalyzeOptions } from '../analysis/engine';
import { applyEdits } from '../analysis/textEdits';
import type { FileReport } from './formats/fileReport';

export interface FileCheckRequest {
  /** Absolute path to read (and write, with fixes). */
  file: string;
  /** The path as reports show it. */
  path: string;
  options: AnalyzeOptions;
  fix: boolean;
}

export interface FileCheckOutcome {
  /** Undefined when the file could not be read. */
  report?: FileReport;
  /** Lines for standard error: read failures, skipped files, failing rules. */
  messages: string[];
  fixesApplied: number;
  ioFailed: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Applies every non-overlapping fix of one file; overlapping ones wait for the next run. */
export function applyAllFixes(text: string, report: FileReport): { text: string; applied: number } {
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

export async function checkFile(analyzer: Analyzer, request: FileCheckRequest): Promise<FileCheckOutcome> {
  const { file, path } = request;
  const options: AnalyzeOptions = { ...request.options, filePath: file };
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    return { messages: [`${path}: ${(error as Error).message}`], fixesApplied: 0, ioFailed: true };
  }
  let text = decoder.decode(bytes);
  let result = analyzer.analyze(text, 'python', options);
  let fixesApplied = 0;
  if (request.fix && !result.skipped) {
    const outcome = applyAllFixes(text, { path, findings: result.findings });
    if (outcome.applied > 0) {
      await fs.writeFile(file, outcome.text, 'utf8');
      fixesApplied = outcome.applied;
      text = outcome.text;
      result = analyzer.analyze(text, 'python', options);
    }
  }
  const messages = result.ruleErrors.map((failure) => `${path}: rule ${failure.ruleId} failed: ${failure.message}`);
  if (result.skipped) messages.push(`${path}: ${result.skipped.message}`);
  return { report: { path, findings: result.findings, skipped: result.skipped?.message }, messages, fixesApplied, ioFailed: false };
}
