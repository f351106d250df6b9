// Test code: in tests, a hardcoded password, a disabled certificate check, a request without a
// timeout, a fixed /tmp path, a swallowed exception or a debug setting is usually part of the test,
// not a defect in what ships. Those rules report there as hints; every other rule keeps its severity.
import type { Severity } from './finding';

/** What a demoted rule reports in test code. */
export const testCodeSeverity: Severity = 'hint';

/** Rules whose findings in test code are demoted to `testCodeSeverity`. */
export const rulesDemotedInTestCode: ReadonlySet<string> = new Set([
  'hardcoded-password-assignment',
  'hardcoded-password-argument',
  'hardcoded-password-default',
  'hardcoded-secret-key',
  'tls-verify-disabled',
  'request-without-timeout',
  'hardcoded-tmp-path',
  'try-except-pass',
  'try-except-continue',
  'urlopen-unchecked-scheme',
  // Test settings and apps switch these off on purpose: tracebacks, fast MD5 hashing, plain HTTP, no CSRF tokens.
  'settings-debug-true',
  'flask-debug-true',
  'django-weak-password-hasher',
  'cookie-without-secure',
  'csrf-protection-disabled',
  'django-middleware-missing',
]);

const testFolders = new Set(['test', 'tests']);
/** pytest's shared fixtures, and the test module `django-admin startapp` creates. */
const testFileNames = new Set(['conftest.py', 'tests.py']);

/**
 * Is this file test code: under a `tests/` or `test/` folder, or named `test_*.py`, `*_test.py`,
 * `conftest.py` or `tests.py`? Both path separators are understood. Every folder of the path counts, so a
 * project inside a folder named `test` is all test code (the setting turns demotion off).
 */
export function isTestCodePath(filePath: string): boolean {
  const segments = filePath.split(/[\\/]+/).filter((segment) => segment.length > 0);
  const fileName = segments.pop() ?? '';
  if (segments.some((folder) => testFolders.has(folder))) return true;
  return /^test_.*\.pyi?$/.test(fileName) || /_test\.pyi?$/.test(fileName) || testFileNames.has(fileName);
}

export interface TestCodePolicy {
  filePath?: string;
  /** Default true. */
  demoteTestCode?: boolean;
  /** The project's word on whether this file is test code; its path decides otherwise. */
  isTestCode?: boolean;
  /** Default `testCodeSeverity`. */
  testCodeSeverity?: Severity;
}

/** The severity a rule's finding gets in this file: demoted in test code (never raised), else unchanged. */
export function severityInFile(ruleId: string, severity: Severity, policy: TestCodePolicy): Severity {
  if (policy.demoteTestCode === false || !rulesDemotedInTestCode.has(ruleId)) return severity;
  const isTest = policy.isTestCode ?? (policy.filePath !== undefined && isTestCodePath(policy.filePath));
  if (!isTest) return severity;
  const demoted = policy.testCodeSeverity ?? testCodeSeverity;
  return severityRank[demoted] > severityRank[severity] ? demoted : severity;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
