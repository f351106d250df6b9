// Checking one file for `llama-review check`: read, analyze, optionally fix in place and analyze
// again. The same code runs on the main thread and in the check workers.
import { promises as fs } from 'node:fs';
import type { Analyzer, AnalyzeOptions } from '../analysis/engine';
import type { Finding } from '../analysis/finding';
import { renderedTemplateNames } from '../analysis/templates/references';
import { applyEdits } from '../analysis/textEdits';
import { displayPath } from './displayPath';
import type { FileReport } from './formats/fileReport';

export interface FileCheckRequest {
  /** Absolute path to read (and write, with fixes). */
  file: string;
  /** The path as reports show it. */
  path: string;
  options: AnalyzeOptions;
  fix: boolean;
  /** The analysis language id; Python when not given. */
  language?: string;
  /** Also list the templates this (Python) file renders, for a walk that found templates outside template folders. */
  listRenderedTemplates?: boolean;
}

export interface FileCheckOutcome {
  /** Undefined when the file could not be read. */
  report?: FileReport;
  /** Lines for standard error: read failures, skipped files, failing rules. */
  messages: string[];
  fixesApplied: number;
  ioFailed: boolean;
  /** With `listRenderedTemplates`: the template names the file renders (`admin/base.html`). */
  renderedTemplates?: string[];
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

/** Steps of a path in other files name them as the report names files. */
function withDisplayPaths(findings: Finding[]): Finding[] {
  for (const finding of findings) for (const step of finding.trace ?? []) if (step.file) step.file = displayPath(step.file);
  return findings;
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
  const language = request.language ?? 'python';
  let result = analyzer.analyze(text, language, options);
  let fixesApplied = 0;
  if (request.fix && !result.skipped) {
    const outcome = applyAllFixes(text, { path, findings: result.findings });
    if (outcome.applied > 0) {
      await fs.writeFile(file, outcome.text, 'utf8');
      fixesApplied = outcome.applied;
      text = outcome.text;
      result = analyzer.analyze(text, language, options);
    }
  }
  const messages = result.ruleErrors.map((failure) => `${path}: rule ${failure.ruleId} failed: ${failure.message}`);
  if (result.skipped) messages.push(`${path}: ${result.skipped.message}`);
  if (result.flow?.skipped) messages.push(`${path}: ${result.flow.skipped}; pattern findings only`);
  const outcome: FileCheckOutcome = { report: { path, findings: withDisplayPaths(result.findings), skipped: result.skipped?.message }, messages, fixesApplied, ioFailed: false };
  if (request.listRenderedTemplates) outcome.renderedTemplates = renderedTemplateNames(text);
  return outcome;
}
