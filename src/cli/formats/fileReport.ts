// The results of checking one file, as every output format sees them.
import type { Finding, Range } from '../../analysis/finding';

export interface FileReport {
  /** Path relative to the working directory, with forward slashes. */
  path: string;
  findings: Finding[];
  /** Why the file was not analyzed, when it was not. */
  skipped?: string;
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
