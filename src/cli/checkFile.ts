// Checking one file for `llama-review check`: read (regular files only, within the size limit),
// decode as CPython would, analyze, optionally fix in place in the file's own encoding. The same
// code runs in the check workers and, when they cannot start, on the main thread.
import { promises as fs } from 'node:fs';
import { defaultMaxBytes, type Analyzer, type AnalyzeOptions } from '../analysis/engine';
import type { Finding } from '../analysis/finding';
import { isApplied, type FixSelection } from '../analysis/fixes';
import { languageOfNamedFile, languageSupport } from '../analysis/languages';
import { fixUntilStable } from './fixFile';
import { artifactUri, displayPath } from './pathNames';
import type { FileReport } from './formats/fileReport';
import { readSourceFile } from './readSource';
import { decodeSource, encodeSource } from './sourceEncoding';

export interface FileCheckRequest {
  /** Absolute path to read (and write, with fixes); bytes when the name is not valid UTF-8. */
  file: string | Uint8Array;
  /** The path as reports show it. */
  path: string;
  /** The path as a SARIF URI (percent-encoded bytes). */
  uri?: string;
  /** The folder SARIF URIs are relative to; with it, the report also holds the URIs of other files a trace passes through. */
  uriRoot?: string;
  options: AnalyzeOptions;
  fix: boolean;
  /** With `fix`: apply the unsafe fixes too (`--unsafe-fixes`). */
  unsafeFixes?: boolean;
  /** The analysis language id; when not given, the one the file's name says (languages/). */
  language?: string;
  /** Also list the templates this file renders, for a walk that found templates outside template folders. */
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

/** The checked file's absolute path as text, for the filters that compare it with git's paths and a baseline's. */
function fileText(request: FileCheckRequest): string {
  return typeof request.file === 'string' ? request.file : Buffer.from(request.file).toString('utf8');
}

/** A skipped file's outcome: reported, with its reason, and no findings. */
export function skippedOutcome(request: FileCheckRequest, skipped: { reason: string; message: string }): FileCheckOutcome {
  return {
    report: { path: request.path, file: fileText(request), uri: request.uri, findings: [], skipped: skipped.message, skipReason: skipped.reason },
    messages: [`${request.path}: ${skipped.message}`],
    fixesApplied: 0,
    ioFailed: false,
  };
}

/** The SARIF URIs of the other files the findings' paths pass through, by the name the report shows. */
function traceFileUris(findings: readonly Finding[], uriRoot: string): Record<string, string> {
  const uris: Record<string, string> = {};
  for (const finding of findings) for (const step of finding.trace ?? []) if (step.file) uris[displayPath(step.file)] = artifactUri(step.file, uriRoot);
  return uris;
}

/** Steps of a path in other files name them as the report names files. */
function withDisplayPaths(findings: Finding[]): Finding[] {
  for (const finding of findings) for (const step of finding.trace ?? []) if (step.file) step.file = displayPath(step.file);
  return findings;
}

export async function checkFile(analyzer: Analyzer, request: FileCheckRequest): Promise<FileCheckOutcome> {
  const { path } = request;
  // Worker messages turn a Buffer into a plain Uint8Array; fs wants a Buffer.
  const file = typeof request.file === 'string' ? request.file : Buffer.from(request.file);
  // Cross-file flow reads the file's neighbours by name, which needs a name that is text.
  const options: AnalyzeOptions = typeof file === 'string' ? { ...request.options, filePath: file } : request.options;
  let read;
  try {
    read = await readSourceFile(file, options.maxBytes ?? defaultMaxBytes);
  } catch (error) {
    return { messages: [`${path}: ${(error as Error).message}`], fixesApplied: 0, ioFailed: true };
  }
  if ('skipped' in read) return skippedOutcome(request, read.skipped);
  const source = decodeSource(read.bytes);
  const messages: string[] = source.notice ? [`${path}: ${source.notice}`] : [];
  const language = request.language ?? languageOfNamedFile(fileText(request));
  if (!language) return skippedOutcome(request, { reason: 'unsupported-language', message: 'Skipped: no language Llama Review reviews takes this file.' });
  const analyze = (text: string) => analyzer.analyze(text, language, options);
  let result;
  let text = source.text;
  let fixesApplied = 0;
  const selection: FixSelection = { includeUnsafe: request.unsafeFixes ?? false };
  if (!request.fix) {
    result = analyze(source.text);
  } else if (source.notWritable) {
    result = analyze(source.text);
    if (result.findings.some((finding) => finding.fix && isApplied(finding.fix, selection))) messages.push(`${path}: not fixed: ${source.notWritable}.`);
  } else {
    const fixed = fixUntilStable(source.text, analyze, selection);
    result = fixed.result;
    if (fixed.rolledBack) messages.push(`${path}: ${fixed.rolledBack}.`);
    if (fixed.applied > 0) {
      let bytes: Buffer | undefined;
      try {
        bytes = encodeSource(fixed.text, source);
      } catch (error) {
        messages.push(`${path}: not fixed: ${(error as Error).message}`);
        result = analyze(source.text);
      }
      if (bytes) {
        try {
          await fs.writeFile(file, bytes);
          fixesApplied = fixed.applied;
          text = fixed.text;
        } catch (error) {
          return { messages: [...messages, `${path}: cannot write the fixes: ${(error as Error).message}`], fixesApplied: 0, ioFailed: true };
        }
      }
    }
  }
  messages.push(...result.ruleErrors.map((failure) => `${path}: rule ${failure.ruleId} failed: ${failure.message}`));
  if (result.skipped) messages.push(`${path}: ${result.skipped.message}`);
  if (result.flow?.skipped) messages.push(`${path}: ${result.flow.skipped}; pattern findings only`);
  const traceUris = request.uriRoot ? traceFileUris(result.findings, request.uriRoot) : {};
  const report: FileReport = { path, file: fileText(request), uri: request.uri, language, findings: withDisplayPaths(result.findings) };
  if (Object.keys(traceUris).length > 0) report.traceUris = traceUris;
  if (result.skipped) Object.assign(report, { skipped: result.skipped.message, skipReason: result.skipped.reason });
  const outcome: FileCheckOutcome = { report, messages, fixesApplied, ioFailed: false };
  if (request.listRenderedTemplates) outcome.renderedTemplates = languageSupport(language)?.templateNames?.(text) ?? [];
  return outcome;
}
