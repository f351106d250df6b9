// analyze(text, language, options): one parse, one combined query pass over every enabled rule,
// suppression, then sorted findings. Bounded by a size limit and a time budget.
import { Query, type Node, type QueryMatch, type Tree } from 'web-tree-sitter';
import { compareFindings, type Finding, type RuleMeta, type Severity } from './finding';
import { addContentFingerprints } from './fingerprint';
import { analyzeFlow } from './flow/analyzeFlow';
import { ModelIndex } from './flow/models';
import { FlowTimeout } from './flow/session';
import { SharedFlowState } from './flow/sharedState';
import { normalizeLineBreaks } from './lineBreaks';
import { lineStarts, offsetAt } from './lineStarts';
import { languageIds, languageSupport, type FlowProject, type ImportScope, type ScannerAnalysis, type TaintSupport, type TreeSitterAnalysis } from './languages';
import { isWasmTrap, LanguageParser, ParseCache, ParseCancelledError } from './parser';
import { splitQueryPatterns } from './queryPatterns';
import { rulesForLanguage, taintModelsForLanguage, taintRulesForLanguage } from './rules';
import type { Report, Rule, RuleContext, RuleMatch, ScanContext, TaintRule, Thresholds } from './rules/rule';
import { rangeOf } from './nodeRange';
import { collectSuppressions, isSuppressed, type Suppressions } from './suppress';
import { remainingPatternFindings, taintFinding } from './taintFindings';
import { severityInFile } from './testCode';
import type { TaintExtensions } from './config/projectConfig';
import { projectTaintModel } from './config/projectTaintModel';

import { defaultMaxBytes, defaultThresholds, defaultTimeBudgetMs } from './defaults';

export { defaultMaxBytes, defaultThresholds, defaultTimeBudgetMs };

export interface AnalyzeOptions {
  /** Only rules matching one of these (rule id, alias or alias prefix such as `S6`, or a category). */
  select?: readonly string[];
  /** Rules matching one of these are skipped. */
  ignore?: readonly string[];
  /** Rules matching one of these run as well as the selected ones (off-by-default rules included). */
  extendSelect?: readonly string[];
  /** Per-rule severity override; `off` disables the rule. */
  severityOverrides?: Readonly<Record<string, Severity | 'off'>>;
  /** Files larger than this many UTF-8 bytes are skipped with a notice, never half-analyzed. */
  maxBytes?: number;
  /** Wall-clock budget for parse and checks; past it the file is reported as skipped. */
  timeBudgetMs?: number;
  thresholds?: Partial<Thresholds>;
  /** Re-use the parse tree for the same key and text (an editor document URI). */
  cacheKey?: string;
  /** Path of the file being analyzed, when it has one (test-code severities, cross-file flow). */
  filePath?: string;
  /** Follow calls into helpers imported from other files of the project (needs `filePath`). Default: on. */
  followImports?: boolean;
  /** Treat environment variables (`os.environ`, `os.getenv`) as untrusted input. */
  environmentSources?: boolean;
  /** In test code (see testCode.ts), report the rules demoted there at `testCodeSeverity`; default true. */
  demoteTestCode?: boolean;
  /** Whether the file is test code, when the project says so; otherwise its path decides. */
  isTestCode?: boolean;
  /** What demoted rules report in test code (default: hint). */
  testCodeSeverity?: Severity;
  /** The project's own sources, sanitisers and sinks for the taint rules (its configuration file). */
  taintExtensions?: TaintExtensions;
  /**
   * Files that could drive the parser's indentation stack past this many levels are skipped (see
   * indentationDepth.ts and the language's beforeParse). Only tests raise it, to reproduce the parser's crash.
   */
  maxIndentationLevels?: number;
}

export type SkipReason = 'too-large' | 'binary' | 'timeout' | 'unsupported-language' | 'too-deep' | 'parser-error' | 'analysis-error';

export interface AnalysisResult {
  findings: Finding[];
  /** Set when the file was not analyzed; findings are then empty. */
  skipped?: { reason: SkipReason; message: string };
  /** The parser had to recover from syntax errors; findings cover what parsed. */
  hasSyntaxErrors: boolean;
  /** Rules that threw; analysis went on without them. */
  ruleErrors: { ruleId: string; message: string }[];
  timings: { parseMs: number; checkMs: number; flowMs: number };
  lineCount: number;
  /** What the flow layer did: functions and modules it analysed, or why it stopped. */
  flow?: { functions: number; modules: number; skipped?: string };
}

interface CompiledLanguage {
  analysis: TreeSitterAnalysis;
  parser: LanguageParser;
  query: Query;
  taintRules: readonly TaintRule[];
  models: ModelIndex;
  /** Per taint rule: the ids and Bandit/Ruff codes of the pattern rules it supersedes. */
  supersededCodes: ReadonlyMap<string, string[]>;
  /** What flow learnt of the project's other files, kept between analyses. */
  flowState: SharedFlowState;
  /** The models and flow state with a project's taint extensions, by the extensions' text. */
  extended: Map<string, { models: ModelIndex; flowState: SharedFlowState }>;
  /** Rules per pattern index; empty for the engine's own patterns. */
  owners: Rule[][];
  /** Pattern indexes of the engine's own comment and import patterns. */
  commentPatterns: Set<number>;
}

/** Does `code` name this rule: its id, one of its aliases (or their prefix), or its category? */
export function ruleMatchesCode(meta: RuleMeta, code: string): boolean {
  const wanted = code.trim().toLowerCase();
  if (!wanted) return false;
  if (meta.id === wanted || meta.category === wanted) return true;
  // Codes select by prefix as in Ruff: `S` is every S rule, `S6` every S6xx rule.
  const isCodePrefix = /^[a-z]+\d*$/.test(wanted);
  return meta.aliases.some((alias) => {
    const lower = alias.toLowerCase();
    return lower === wanted || (isCodePrefix && lower.startsWith(wanted));
  });
}

export function isRuleEnabled(meta: RuleMeta, options: AnalyzeOptions): boolean {
  if (options.severityOverrides?.[meta.id] === 'off') return false;
  if (options.ignore?.some((code) => ruleMatchesCode(meta, code))) return false;
  if (options.extendSelect?.some((code) => ruleMatchesCode(meta, code))) return true;
  if (options.select && options.select.length > 0) return options.select.some((code) => ruleMatchesCode(meta, code));
  return meta.enabledByDefault !== false;
}

/**
 * Compiles every rule of a language into one query. Identical patterns are shared, so the common
 * "every call" pattern is matched once and handed to each rule that has it, whatever else the
 * rules' queries hold.
 */
function compileLanguage(language: string, analysis: TreeSitterAnalysis, parser: LanguageParser): CompiledLanguage {
  const groups = new Map<string, Rule[]>();
  for (const rule of rulesForLanguage(language)) {
    if (!/^[\x00-\x7f]*$/.test(rule.query)) throw new Error(`Rule ${rule.meta.id}: queries must be ASCII.`);
    for (const pattern of splitQueryPatterns(rule.query)) groups.set(pattern, [...(groups.get(pattern) ?? []), rule]);
  }
  const segments: { end: number; rules: Rule[] }[] = [];
  let source = '';
  const engineSegments: { end: number; pattern: string }[] = [];
  for (const [query, rules] of groups) {
    source += query + '\n';
    segments.push({ end: source.length, rules });
  }
  // The engine's own patterns: comments for suppressions, imports for qualified names.
  for (const pattern of [analysis.commentQuery, ...(analysis.names ? [analysis.names.importQuery] : [])]) {
    source += pattern + '\n';
    segments.push({ end: source.length, rules: [] });
    engineSegments.push({ end: source.length, pattern });
  }
  let query: Query;
  try {
    query = new Query(parser.grammar, source);
  } catch (error) {
    // Name the rule whose query is broken instead of reporting an offset in the combined text.
    for (const rule of rulesForLanguage(language)) {
      try {
        new Query(parser.grammar, rule.query).delete();
      } catch (ruleError) {
        throw new Error(`Rule ${rule.meta.id} has an invalid query: ${(ruleError as Error).message}`);
      }
    }
    throw error;
  }
  const owners: Rule[][] = [];
  const commentPatterns = new Set<number>();
  for (let index = 0; index < query.patternCount(); index++) {
    const start = query.startIndexForPattern(index);
    owners.push(segments.find((segment) => start < segment.end)?.rules ?? []);
    if (engineSegments.find((segment) => start < segment.end)?.pattern === analysis.commentQuery) commentPatterns.add(index);
  }
  const taintRules = taintRulesForLanguage(language);
  const models = new ModelIndex(taintModelsForLanguage(language), taintRules.map((rule) => rule.meta.id));
  const supersededCodes = new Map<string, string[]>();
  for (const rule of taintRules) {
    const codes = rule.supersedes.flatMap((id) => {
      const superseded = rulesForLanguage(language).find((candidate) => candidate.meta.id === id);
      if (!superseded) throw new Error(`Taint rule ${rule.meta.id} supersedes unknown rule ${id}.`);
      return [id, ...superseded.meta.aliases];
    });
    supersededCodes.set(rule.meta.id, codes);
  }
  return { analysis, parser, query, owners, commentPatterns, taintRules, models, supersededCodes, flowState: new SharedFlowState(), extended: new Map() };
}

function toRuleMatch(match: QueryMatch): RuleMatch {
  return {
    get: (name) => match.captures.find((capture) => capture.name === name)?.node,
    all: (name) => match.captures.filter((capture) => capture.name === name).map((capture) => capture.node),
  };
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function countLines(text: string): number {
  if (text.length === 0) return 0;
  let lines = 1;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) lines++;
  return text.endsWith('\n') ? lines - 1 : lines;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function emptyResult(text: string): AnalysisResult {
  return { findings: [], hasSyntaxErrors: false, ruleErrors: [], timings: { parseMs: 0, checkMs: 0, flowMs: 0 }, lineCount: countLines(text) };
}

export class Analyzer {
  private readonly parseCache = new ParseCache();
  /** The project files flow reads for imported helpers, per language; kept across analyses. */
  private readonly projects = new Map<string, FlowProject>();
  private traps = 0;
  /** Set when recovery itself failed: every later file is skipped with this reason. */
  private unusable: string | undefined;

  private constructor(
    private readonly compiled: Map<string, CompiledLanguage>,
    /** Languages read by a scanner of their own (templates), not a grammar. */
    private readonly scanned: Map<string, ScannerAnalysis<unknown>>,
  ) {}

  /** Loads the grammars and compiles every language's rules into one query each. */
  static async create(languages: readonly string[] = languageIds()): Promise<Analyzer> {
    const compiled = new Map<string, CompiledLanguage>();
    const scanned = new Map<string, ScannerAnalysis<unknown>>();
    for (const language of languages) {
      const analysis = languageSupport(language)?.analysis;
      if (analysis?.kind === 'scanner') scanned.set(language, analysis);
      else if (analysis) compiled.set(language, compileLanguage(language, analysis, await LanguageParser.create(language)));
      else throw new Error(`No grammar for language "${language}".`);
    }
    return new Analyzer(compiled, scanned);
  }

  supports(language: string): boolean {
    return this.compiled.has(language) || this.scanned.has(language);
  }

  /** Parses without checking: the baseline that benchmarks compare full analysis against. */
  parseOnly(text: string, language: string): void {
    const compiled = this.compiled.get(language);
    if (!compiled) throw new Error(`Unsupported language "${language}".`);
    compiled.parser.parse(normalizeLineBreaks(text)).delete();
  }

  /**
   * Findings for `text`. Never throws for any text: a file it cannot analyze comes back with
   * `skipped` set. A wasm trap (the parser crashing) is recovered from here: fresh parser and
   * query, one retry, and the file is skipped if it traps again; see `needsRestart`.
   */
  analyze(text: string, language: string, options: AnalyzeOptions = {}): AnalysisResult {
    // Lone `\r` ends a line for VS Code and CPython, not for tree-sitter; offsets stay the same.
    const source = normalizeLineBreaks(text);
    const result = emptyResult(source);
    const compiled = this.compiled.get(language);
    const scanned = this.scanned.get(language);
    if (!compiled && !scanned) {
      const known = languageSupport(language) ? 'not loaded' : 'not supported';
      result.skipped = { reason: 'unsupported-language', message: `Language "${language}" is ${known}.` };
      return result;
    }
    const maxBytes = options.maxBytes ?? defaultMaxBytes;
    const bytes = utf8Length(source);
    if (bytes > maxBytes) {
      result.skipped = {
        reason: 'too-large',
        message: `Skipped: the file is ${formatBytes(bytes)}, over the ${formatBytes(maxBytes)} analysis limit.`,
      };
      return result;
    }
    if (source.includes('\u0000')) {
      result.skipped = { reason: 'binary', message: 'Skipped: the file looks binary (it contains NUL bytes).' };
      return result;
    }
    if (!compiled) return this.analyzeScanned(scanned!, source, language, options, result);
    const unparsable = compiled.analysis.beforeParse?.(source, options);
    if (unparsable) {
      result.skipped = unparsable;
      return result;
    }
    if (this.unusable) {
      result.skipped = { reason: 'parser-error', message: `Skipped: ${this.unusable}` };
      return result;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return this.analyzeSource(this.compiled.get(language)!, source, language, options, emptyResult(source));
      } catch (error) {
        if (!isWasmTrap(error)) throw error;
        this.recoverFromTrap();
        // The damage may date from an earlier file, so one retry on fresh wasm objects.
        if (attempt === 2 || this.unusable) {
          result.skipped = { reason: 'parser-error', message: `Skipped: the parser crashed on this file (${(error as Error).message}).` };
          return result;
        }
      }
    }
  }

  /** Wasm traps this analyzer has recovered from. */
  get wasmTraps(): number {
    return this.traps;
  }

  /**
   * True once a wasm trap was seen. The analyzer goes on with fresh parsers and queries, but the
   * heap they share may hold damage no check sees: a host that can should replace the thread
   * (the CLI's check workers do) and create a new Analyzer there.
   */
  get needsRestart(): boolean {
    return this.traps > 0;
  }

  /** Fresh parsers and queries for every language; the old ones are dropped, never freed. */
  private recoverFromTrap(): void {
    this.traps++;
    this.parseCache.abandon();
    // Imported files' trees live in the same heap: dropped too, read again on demand.
    this.projects.clear();
    try {
      for (const [language, compiled] of this.compiled) {
        compiled.parser.replaceAfterTrap();
        this.compiled.set(language, compileLanguage(language, compiled.analysis, compiled.parser));
      }
    } catch (error) {
      this.unusable = `the parser's memory is damaged (${(error as Error).message}); restart the analyzer.`;
    }
  }

  private analyzeSource(compiled: CompiledLanguage, text: string, language: string, options: AnalyzeOptions, result: AnalysisResult): AnalysisResult {
    const started = performance.now();
    const budget = options.timeBudgetMs ?? defaultTimeBudgetMs;
    const deadline = started + budget;
    const timeout = () => {
      result.findings = [];
      result.skipped = { reason: 'timeout', message: `Skipped: analysis ran past its ${budget} ms budget.` };
      return result;
    };

    let tree: Tree | undefined = options.cacheKey ? this.parseCache.get(options.cacheKey, text) : undefined;
    const cached = !!tree;
    if (!tree) {
      // An edited document reparses only what changed since its last tree.
      let previous = options.cacheKey ? this.parseCache.editedCopy(options.cacheKey, text) : undefined;
      if (previous && previous.language !== compiled.parser.grammar) {
        previous.delete();
        previous = undefined;
      }
      try {
        tree = compiled.parser.parse(text, deadline, previous);
      } catch (error) {
        if (error instanceof ParseCancelledError) return timeout();
        throw error;
      } finally {
        previous?.delete();
      }
    }
    const parsed = performance.now();
    result.timings.parseMs = parsed - started;
    try {
      result.hasSyntaxErrors = tree.rootNode.hasError;
      const pass = this.runRules(compiled, tree.rootNode, text, language, options, deadline, result);
      result.timings.checkMs = performance.now() - parsed;
      if (!pass) return timeout();
      const findings = this.withFlow(compiled, tree.rootNode, text, options, deadline, pass.findings, result);
      result.findings = findings.filter((finding) => !this.suppressed(compiled, finding, pass.suppressions)).sort(compareFindings);
      addContentFingerprints(result.findings, text, tree.rootNode);
    } finally {
      if (options.cacheKey) {
        if (!cached) this.parseCache.set(options.cacheKey, text, tree);
      } else {
        tree.delete();
      }
    }
    return result;
  }

  /**
   * Runs the flow layer when a taint rule is on: its findings join the pattern findings, and the
   * pattern findings it supersedes go (see taintFindings.ts). A flow past the deadline leaves
   * the pattern findings as they are and says so.
   */
  private withFlow(compiled: CompiledLanguage, root: Node, text: string, options: AnalyzeOptions, deadline: number, patternFindings: Finding[], result: AnalysisResult): Finding[] {
    const enabled = compiled.taintRules.filter((rule) => isRuleEnabled(rule.meta, options));
    const taint = compiled.analysis.taint;
    if (!taint || enabled.length === 0) return patternFindings;
    const started = performance.now();
    const supersededBy = new Map<string, TaintRule[]>();
    for (const rule of enabled) for (const id of rule.supersedes) supersededBy.set(id, [...(supersededBy.get(id) ?? []), rule]);
    const starts = lineStarts(text);
    const flowModels = this.flowModelsFor(compiled, options.taintExtensions);
    const watched = new Set(patternFindings.filter((finding) => supersededBy.has(finding.ruleId)).map((finding) => offsetAt(starts, finding.range.start)));
    try {
      const flow = analyzeFlow({
        root,
        text,
        lower: taint.lower,
        filePath: options.filePath,
        index: flowModels.models,
        kinds: enabled.map((rule) => ({ id: rule.meta.id, family: rule.family, throughUnknownCalls: rule.throughUnknownCalls })),
        deadline,
        watched,
        environmentSources: options.environmentSources ?? false,
        project: options.filePath && options.followImports !== false ? this.projectFor(compiled, taint) : undefined,
        shared: flowModels.flowState,
      });
      if (!flow.ran) return patternFindings;
      result.flow = { functions: flow.functions, modules: flow.modules };
      const metas = new Map(enabled.map((rule) => [rule.meta.id, rule.meta]));
      const taintFindings = flow.findings.map((finding) => taintFinding(metas.get(finding.kind)!, finding, starts, options.severityOverrides?.[finding.kind]));
      return [...remainingPatternFindings(patternFindings, taintFindings, supersededBy, flow.verdicts, starts), ...taintFindings];
    } catch (error) {
      // A module cut off half-way must not be kept as if it were complete.
      flowModels.flowState.clear();
      if (isWasmTrap(error)) throw error;
      const reason = error instanceof FlowTimeout ? 'timeout' : 'error';
      result.flow = { functions: 0, modules: 0, skipped: reason === 'timeout' ? `flow analysis ran past the ${options.timeBudgetMs ?? defaultTimeBudgetMs} ms budget` : (error as Error).message };
      if (reason === 'error') result.ruleErrors.push({ ruleId: 'flow', message: (error as Error).stack ?? String(error) });
      return patternFindings;
    } finally {
      result.timings.flowMs = performance.now() - started;
    }
  }

  /** Runs every enabled pattern rule; undefined when the deadline passed first. */
  private runRules(
    compiled: CompiledLanguage,
    root: Node,
    text: string,
    language: string,
    options: AnalyzeOptions,
    deadline: number,
    result: AnalysisResult,
  ): { findings: Finding[]; suppressions: Suppressions } | undefined {
    let cancelled = false;
    const progressCallback = () => (cancelled = performance.now() > deadline);
    const matches = compiled.query.matches(root, { progressCallback: progressCallback as unknown as () => void });
    if (cancelled) return undefined;

    const enabled = new Map<Rule, boolean>();
    const thresholds = { ...defaultThresholds, ...options.thresholds };
    const imports: ImportScope | undefined = compiled.analysis.names?.scope();
    const qualifiedNames = new Map<number, string | undefined>();
    const comments: { line: number; text: string }[] = [];
    const findings: Finding[] = [];
    const seen = new Set<string>();
    let currentRule: Rule | undefined;

    const context: RuleContext = {
      text,
      language,
      filePath: options.filePath,
      thresholds,
      report: (report: Report) => {
        const rule = currentRule!;
        const finding = this.toFinding(rule.meta, report, options);
        if (!finding) return;
        const key = `${finding.ruleId}:${finding.range.start.line}:${finding.range.start.column}:${finding.range.end.line}:${finding.range.end.column}`;
        if (seen.has(key)) return;
        seen.add(key);
        findings.push(finding);
      },
      qualifiedName: (node) => {
        if (!node) return undefined;
        // Many rules ask about the same callee; resolve each node once per run.
        const id = node.id;
        if (qualifiedNames.has(id)) return qualifiedNames.get(id);
        const name = imports?.qualifiedName(node);
        qualifiedNames.set(id, name);
        return name;
      },
      importsModule: (module) => imports?.importsModule(module) ?? false,
    };

    // First the engine's own matches, so that every import is known before any rule asks.
    const ruleMatches: QueryMatch[] = [];
    for (const match of matches) {
      if (compiled.owners[match.patternIndex].length > 0) {
        ruleMatches.push(match);
        continue;
      }
      const node = match.captures[0]?.node;
      if (!node) continue;
      if (compiled.commentPatterns.has(match.patternIndex)) comments.push({ line: node.startPosition.row, text: node.text });
      else imports?.add(node);
    }

    for (let index = 0; index < ruleMatches.length; index++) {
      const match = ruleMatches[index];
      const rules = compiled.owners[match.patternIndex];
      // Checking the clock on every match costs more than the checks themselves.
      if ((index & 255) === 0 && performance.now() > deadline) return undefined;
      const ruleMatch = toRuleMatch(match);
      for (const rule of rules) {
        let isEnabled = enabled.get(rule);
        if (isEnabled === undefined) {
          isEnabled = isRuleEnabled(rule.meta, options) && (!rule.mentions || rule.mentions.test(text));
          enabled.set(rule, isEnabled);
        }
        if (!isEnabled) continue;
        currentRule = rule;
        try {
          rule.check(ruleMatch, context);
        } catch (error) {
          if (isWasmTrap(error)) throw error;
          if (!result.ruleErrors.some((entry) => entry.ruleId === rule.meta.id)) {
            result.ruleErrors.push({ ruleId: rule.meta.id, message: (error as Error).message });
          }
        }
      }
    }
    return { findings, suppressions: collectSuppressions(comments) };
  }

  /** A language read by a scanner: each enabled rule over the scanned document, then suppressions. */
  private analyzeScanned(analysis: ScannerAnalysis<unknown>, text: string, language: string, options: AnalyzeOptions, result: AnalysisResult): AnalysisResult {
    const started = performance.now();
    const budget = options.timeBudgetMs ?? defaultTimeBudgetMs;
    const scanned = analysis.scan(text, options.filePath);
    result.hasSyntaxErrors = scanned.hasSyntaxErrors;
    result.timings.parseMs = performance.now() - started;
    const findings: Finding[] = [];
    for (const rule of analysis.rules) {
      if (!isRuleEnabled(rule.meta, options)) continue;
      const context: ScanContext = {
        text,
        language,
        filePath: options.filePath,
        report: (report) => {
          const finding = this.toFinding(rule.meta, report, options);
          if (finding) findings.push(finding);
        },
      };
      try {
        rule.check(scanned.document, context);
      } catch (error) {
        result.ruleErrors.push({ ruleId: rule.meta.id, message: (error as Error).message });
      }
      if (performance.now() > started + budget) {
        result.skipped = { reason: 'timeout', message: `Skipped: analysis ran past its ${budget} ms budget.` };
        return result;
      }
    }
    const suppressions = collectSuppressions(scanned.comments);
    result.findings = findings.filter((finding) => !isSuppressed(finding, suppressions)).sort(compareFindings);
    addContentFingerprints(result.findings, text, undefined);
    result.timings.checkMs = performance.now() - started - result.timings.parseMs;
    return result;
  }

  private toFinding(meta: RuleMeta, report: Report, options: AnalyzeOptions): Finding | undefined {
    const range = report.range ?? (report.node ? rangeOf(report.node) : undefined);
    if (!range) return undefined;
    const override = options.severityOverrides?.[meta.id];
    const severity = severityInFile(meta.id, report.severity ?? meta.severity, options);
    const finding: Finding = {
      ruleId: meta.id,
      aliases: meta.aliases,
      category: meta.category,
      severity: override && override !== 'off' ? override : severity,
      confidence: report.confidence ?? meta.confidence,
      message: report.message ?? meta.title,
      range,
      source: 'parse',
    };
    if (meta.cwe !== undefined) finding.cwe = meta.cwe;
    if (report.fix) finding.fix = report.fix;
    return finding;
  }

  /**
   * A taint finding replaces the pattern findings it supersedes, so it answers to their
   * suppressions too: `# nosec B608` still silences the SQL finding on that line.
   */
  private suppressed(compiled: CompiledLanguage, finding: Finding, suppressions: Suppressions): boolean {
    if (isSuppressed(finding, suppressions)) return true;
    const codes = compiled.supersededCodes.get(finding.ruleId);
    return !!codes && isSuppressed({ ...finding, aliases: codes }, suppressions);
  }

  private projectFor(compiled: CompiledLanguage, taint: TaintSupport): FlowProject {
    let project = this.projects.get(compiled.parser.language);
    if (!project) {
      project = taint.openProject((text) => compiled.parser.parse(normalizeLineBreaks(text)));
      this.projects.set(compiled.parser.language, project);
    }
    return project;
  }

  /** The language's models, or those with the project's taint extensions added (built once per extension set). */
  private flowModelsFor(compiled: CompiledLanguage, extensions: TaintExtensions | undefined): { models: ModelIndex; flowState: SharedFlowState } {
    if (!extensions || (extensions.sources.length === 0 && extensions.sanitizers.length === 0 && extensions.sinks.length === 0)) {
      return { models: compiled.models, flowState: compiled.flowState };
    }
    const key = JSON.stringify(extensions);
    let found = compiled.extended.get(key);
    if (!found) {
      // A handful of projects at most in one editor; past that, the oldest set is rebuilt when needed.
      if (compiled.extended.size >= 8) compiled.extended.delete(compiled.extended.keys().next().value!);
      const models = new ModelIndex([...compiled.models.models, projectTaintModel(extensions)], compiled.taintRules.map((rule) => rule.meta.id));
      found = { models, flowState: new SharedFlowState() };
      compiled.extended.set(key, found);
    }
    return found;
  }

  /** Files of the project were created, deleted or renamed: forget what was read of them. */
  forgetProjectFiles(): void {
    for (const project of this.projects.values()) project.clear();
    for (const compiled of this.compiled.values()) {
      compiled.flowState.clear();
      for (const extended of compiled.extended.values()) extended.flowState.clear();
    }
  }

  /** Drops the cached tree of a closed document. */
  forget(cacheKey: string): void {
    this.parseCache.evict(cacheKey);
  }

  dispose(): void {
    // After a trap, freeing wasm objects may trap again; the thread's end frees them all.
    if (this.traps === 0) {
      this.parseCache.clear();
      for (const project of this.projects.values()) project.clear();
      for (const compiled of this.compiled.values()) {
        compiled.query.delete();
        compiled.parser.dispose();
      }
    }
    this.compiled.clear();
  }
}
