// The results of checking one file, as every output format sees them.
import type { Finding, Range } from '../../analysis/finding';

export interface FileReport {
  /** Path relative to the working directory, with forward slashes; odd bytes and controls escaped. */
  path: string;
  /** The absolute path checked, as text (bytes that are not UTF-8 read as U+FFFD, as git prints them). */
  file?: string;
  /** For SARIF: the file's URI, relative to the scanned root or, outside it, an absolute `file:` URI. */
  uri?: string;
  /** For SARIF: the URIs of the other files its findings' paths pass through, by their `TraceStep.file`. */
  traceUris?: Record<string, string>;
  /** The analysis language (python, jinja, ...) of a file that was analysed, for what reads it again (triage). */
  language?: string;
  findings: Finding[];
  /** Why the file was not analyzed, when it was not. */
  skipped?: string;
  /** A short id for that reason: `timeout`, `too-large`, `not-a-file`, `memory`... */
  skipReason?: string;
}

/** JSON/SARIF positions are 1-based; ours are 0-based. */
export function oneBased(range: Range) {
  return {
    line: range.start.line + 1,
    column: range.start.column + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.column + 1,
  };
}
