// The analysis defaults, in one place: the engine, the CLI and the editor's settings read them,
// and a test holds package.json's contributed defaults to them.
import type { Thresholds } from './rules/rule';

/** Files larger than this many UTF-8 bytes are skipped with a notice (2 MB). */
export const defaultMaxBytes = 2 * 1024 * 1024;
/** Wall-clock budget for one file's parse and checks; the editor's log warns past half of it. */
export const defaultTimeBudgetMs = 4000;
export const defaultThresholds: Thresholds = { complexity: 10, nesting: 4 };
