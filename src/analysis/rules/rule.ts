// What a rule is: metadata, a tree-sitter query, and a check run on each query match.
import type { Node } from 'web-tree-sitter';
import type { Confidence, Fix, Range, RuleMeta, Severity } from '../finding';
import type { SourceFamily } from '../flow/value';

/** The captures of one query match, by capture name. */
export interface RuleMatch {
  /** First node captured under `name`. */
  get(name: string): Node | undefined;
  /** Every node captured under `name` (quantified captures). */
  all(name: string): Node[];
}

export interface Thresholds {
  /** Cyclomatic complexity above which a function is reported (radon rank C starts at 11). */
  complexity: number;
  /** Block nesting depth above which a statement is reported. */
  nesting: number;
}

export interface Report {
  /** Where the finding is: a node, or an explicit range. */
  node?: Node;
  range?: Range;
  /** Defaults to the rule's title. */
  message?: string;
  fix?: Fix;
  severity?: Severity;
  confidence?: Confidence;
}

export interface RuleContext {
  readonly text: string;
  readonly language: string;
  /** Path of the file, when it has one: settings modules for development are told by their name. */
  readonly filePath?: string;
  readonly thresholds: Thresholds;
  report(report: Report): void;
  /** Fully qualified dotted name of a name or attribute chain, following this file's imports. */
  qualifiedName(node: Node | null | undefined): string | undefined;
  /** Does the file import `module` or a submodule of it anywhere (inside functions too)? */
  importsModule(module: string): boolean;
}

export interface Rule {
  meta: RuleMeta;
  /**
   * One or more tree-sitter query patterns (ASCII only). All rules of a language are compiled into
   * one query and run in a single pass; `check` sees only its own patterns' matches.
   */
  query: string;
  /**
   * Words the file must contain for the rule to fire at all (its names appear at least in an import).
   * A file without them is not checked by this rule: most files never mention `eval` or `ECB`.
   * Not global (no `g` flag), so one regex can be tested again and again.
   */
  mentions?: RegExp;
  check(match: RuleMatch, context: RuleContext): void;
}

/**
 * A rule of the flow layer: a kind of sink, reported where untrusted data of `family` reaches it.
 * Its sources, sanitisers and sinks are the language's taint models, not code of the rule.
 */
export interface TaintRule {
  meta: RuleMeta;
  /** User input, or predictable random values (for tokens). */
  family: SourceFamily;
  /**
   * Also report data that went through a call the models do not know (with medium confidence).
   * Off for sinks where such a call is mostly a lookup by the value (an HTML page from a record
   * found by id), not a transformation of it.
   */
  throughUnknownCalls: boolean;
  /**
   * Pattern rules about the same sinks: where this rule proves a path, its finding replaces
   * theirs; where flow proves the value free of untrusted data, they stay quiet.
   */
  supersedes: readonly string[];
}

/** What a scanner rule may do: report, knowing the file's text and path. */
export interface ScanContext {
  readonly text: string;
  readonly language: string;
  readonly filePath?: string;
  /** Findings of a scanned language have no syntax nodes: a report gives its range. */
  report(report: Report & { range: Range }): void;
}

/** A rule of a language read by a scanner instead of a grammar (templates): a check over the scanned document. */
export interface ScannerRule<Document> {
  meta: RuleMeta;
  check(document: Document, context: ScanContext): void;
}

export type AnyRule = Rule | TaintRule | ScannerRule<never>;

export function isTaintRule(rule: AnyRule): rule is TaintRule {
  return 'family' in rule;
}
