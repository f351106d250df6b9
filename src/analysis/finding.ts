// The shared vocabulary of analysis: what a rule is, what it finds, and how a fix edits text.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Confidence = 'high' | 'medium' | 'low';
/** `reliability`: code that can hang or fail under load without being a vulnerability itself. */
export type Category = 'security' | 'reliability' | 'refactoring' | 'performance';
export type FindingSource = 'parse' | 'model';

/** A position in text: 0-based line, 0-based column in UTF-16 code units (as VS Code counts). */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * Whether a fix keeps the program's meaning. Safe: it means the same afterwards, so `--fix` and
 * the editor's fix-all apply it unasked. Unsafe: it changes what the program does (usually for the
 * better), so it goes in one at a time or with `--unsafe-fixes`, and `changes` says how.
 */
export type FixSafety =
  | { applicability: 'safe' }
  | {
      applicability: 'unsafe';
      /** Plain text, short: "reads DB_PASSWORD from the environment at run time; fails if it is unset". */
      changes: string;
    };

/** A deterministic fix: every edit applies to the text the finding came from. */
export type Fix = { title: string; edits: TextEdit[] } & FixSafety;

/** Static facts about a rule; the chat grounds its answers in `why` and `doInstead`. */
export interface RuleMeta {
  /** Readable kebab-case id, e.g. `subprocess-shell-true`. */
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  confidence: Confidence;
  /** CWE number for security rules, e.g. 78; other categories carry none. */
  cwe?: number;
  /** Bandit test id (B602) and Ruff code (S602) where one exists. */
  aliases: string[];
  why: string;
  doInstead: string;
  languages: string[];
  /** Rules off by default (e.g. assert) run only when selected. */
  enabledByDefault?: boolean;
}

/** One step of the path untrusted data takes to a sink, oldest first. */
export interface TraceStep {
  range: Range;
  /** Short: "user input `request.args`", "assigned to `bar`", "reaches `os.system()`". */
  label: string;
  kind: 'source' | 'step' | 'call' | 'return' | 'sink';
  /** Absolute path of the file the step is in, when it is not the finding's own file. */
  file?: string;
}

export interface Finding {
  ruleId: string;
  aliases: string[];
  category: Category;
  severity: Severity;
  confidence: Confidence;
  cwe?: number;
  message: string;
  range: Range;
  source: FindingSource;
  fix?: Fix;
  /** For taint findings: the path from the source to the sink. */
  trace?: TraceStep[];
  /** Rule, flagged lines and enclosing definitions, hashed: the same wherever the lines move (see fingerprint.ts). */
  contentFingerprint?: string;
}

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    severityOrder[a.severity] - severityOrder[b.severity] ||
    a.ruleId.localeCompare(b.ruleId)
  );
}
