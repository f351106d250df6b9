// The project configuration: `[tool.llama-review]` in pyproject.toml, or llama-review.toml /
// .llama-review.toml with the same keys at the top level. Every key is checked; a key that is
// unknown or holds a bad value is reported with its file and line and left at its default, so
// one typo never stops a review.
import type { Severity } from '../finding';
import { ruleMatchesCode } from '../engine';
import { allRules } from '../rules';
import { isTaintRule, type Thresholds } from '../rules/rule';
import { lineOf, readTomlDocument, TomlSyntaxError, type TomlDocument } from './tomlDocument';

/** What the reported rules become in test code: a lower severity, or `unchanged`. */
export type TestCodeSeverity = Severity | 'unchanged';

export interface TaintExtensions {
  /** Qualified names whose value (attribute read or call result) is untrusted input. */
  sources: string[];
  /** Calls whose result is safe for the listed sink kinds (every kind when `all`). */
  sanitizers: { name: string; safeFor: string[] | 'all' }[];
  /** Calls that must not receive untrusted input, by taint rule id. */
  sinks: { kind: string; name: string }[];
}

export interface ProjectConfig {
  /** Absolute path of the file the configuration was read from. */
  file: string;
  /** Its folder: patterns are relative to it. */
  root: string;
  select?: string[];
  ignore?: string[];
  extendSelect?: string[];
  perFileIgnores: { pattern: string; codes: string[] }[];
  /** Replaces the built-in list of skipped folders (.venv, node_modules, ...) when set. */
  exclude?: string[];
  extendExclude: string[];
  /** By rule id. */
  severity: Record<string, Severity | 'off'>;
  thresholds: Partial<Thresholds>;
  testCode: { paths: string[]; severity?: TestCodeSeverity };
  taint?: TaintExtensions;
}

export interface ConfigProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** The key as written in the file (`[tool.llama-review] severity.eval-used`); empty for syntax errors. */
  key: string;
  message: string;
}

export type ConfigFileKind = 'pyproject' | 'standalone';

const severities = ['error', 'warning', 'info', 'hint'] as const;
const qualifiedName = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

type Path = (string | number)[];

/** Checks one table of settings and fills a ProjectConfig, noting each problem and skipping its key. */
class ConfigReader {
  readonly problems: ConfigProblem[] = [];
  private readonly taintKinds = new Set(allRules().filter(isTaintRule).map((rule) => rule.meta.id));

  constructor(
    private readonly document: TomlDocument,
    private readonly file: string,
    private readonly prefix: Path,
  ) {}

  problem(path: Path, message: string): void {
    const tableName = this.prefix.length > 0 ? `[${this.prefix.join('.')}] ` : '';
    this.problems.push({ file: this.file, line: lineOf(this.document, [...this.prefix, ...path]), key: `${tableName}${path.join('.')}`, message });
  }

  table(value: unknown, path: Path): Record<string, unknown> | undefined {
    if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) return value as Record<string, unknown>;
    this.problem(path, 'must be a table');
    return undefined;
  }

  strings(value: unknown, path: Path): string[] | undefined {
    if (!Array.isArray(value)) {
      this.problem(path, 'must be an array of strings');
      return undefined;
    }
    const items: string[] = [];
    value.forEach((item, index) => {
      if (typeof item === 'string' && item.trim() !== '') items.push(item.trim());
      else this.problem([...path, index], 'must be a non-empty string');
    });
    return items;
  }

  /** Rule codes: ids, aliases (S602, B602), their prefixes (S6) or categories, each naming some rule. */
  codes(value: unknown, path: Path): string[] | undefined {
    const items = this.strings(value, path);
    if (!items) return undefined;
    const rules = allRules();
    return items.filter((code, index) => {
      if (rules.some((rule) => ruleMatchesCode(rule.meta, code))) return true;
      this.problem([...path, index], `"${code}" names no rule (run "llama-review rules" for the list)`);
      return false;
    });
  }

  patterns(value: unknown, path: Path): string[] | undefined {
    const items = this.strings(value, path);
    return items?.filter((pattern, index) => {
      // Patterns are relative to the configuration's folder: one that climbs out of it can never match.
      if (!pattern.split('/').includes('..')) return true;
      this.problem([...path, index], `"${pattern}" climbs out of the configuration's folder; patterns are relative to it`);
      return false;
    });
  }

  wholeNumber(value: unknown, path: Path, max: number): number | undefined {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max) return value;
    this.problem(path, `must be a whole number from 1 to ${max}`);
    return undefined;
  }

  oneOf<T extends string>(value: unknown, path: Path, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.problem(path, `must be one of ${allowed.map((item) => `"${item}"`).join(', ')}`);
    return undefined;
  }

  unknownKey(path: Path, known: readonly string[]): void {
    this.problem(path, `unknown key; the keys here are ${known.join(', ')}`);
  }

  names(value: unknown, path: Path): string[] | undefined {
    return this.strings(value, path)?.filter((name, index) => this.name(name, [...path, index]) !== undefined);
  }

  name(value: unknown, path: Path): string | undefined {
    if (typeof value === 'string' && qualifiedName.test(value)) return value;
    this.problem(path, `${JSON.stringify(value)} is not a qualified name such as "package.module.function"`);
    return undefined;
  }

  sinkKind(kind: string, path: Path): boolean {
    if (this.taintKinds.has(kind)) return true;
    this.problem(path, `"${kind}" is not a taint rule; the kinds are ${[...this.taintKinds].sort().join(', ')}`);
    return false;
  }
}

const topLevelKeys = ['select', 'ignore', 'extend-select', 'per-file-ignores', 'exclude', 'extend-exclude', 'severity', 'thresholds', 'test-code', 'taint'] as const;

function readSeverity(reader: ConfigReader, value: unknown, config: ProjectConfig): void {
  const table = reader.table(value, ['severity']);
  if (!table) return;
  for (const [code, level] of Object.entries(table)) {
    const checked = reader.oneOf(level, ['severity', code], [...severities, 'off'] as const);
    if (!checked) continue;
    const matching = allRules().filter((rule) => ruleMatchesCode(rule.meta, code));
    if (matching.length === 0) reader.problem(['severity', code], `"${code}" names no rule (run "llama-review rules" for the list)`);
    for (const rule of matching) config.severity[rule.meta.id] = checked;
  }
}

function readThresholds(reader: ConfigReader, value: unknown, config: ProjectConfig): void {
  const table = reader.table(value, ['thresholds']);
  for (const [key, item] of Object.entries(table ?? {})) {
    if (key === 'complexity' || key === 'nesting') {
      const number = reader.wholeNumber(item, ['thresholds', key], key === 'complexity' ? 1000 : 100);
      if (number !== undefined) config.thresholds[key] = number;
    } else {
      reader.unknownKey(['thresholds', key], ['complexity', 'nesting']);
    }
  }
}

function readTestCode(reader: ConfigReader, value: unknown, config: ProjectConfig): void {
  const table = reader.table(value, ['test-code']);
  for (const [key, item] of Object.entries(table ?? {})) {
    if (key === 'paths') config.testCode.paths = reader.patterns(item, ['test-code', key]) ?? [];
    else if (key === 'severity') config.testCode.severity = reader.oneOf(item, ['test-code', key], [...severities, 'unchanged'] as const);
    else reader.unknownKey(['test-code', key], ['paths', 'severity']);
  }
}

function readSanitizer(reader: ConfigReader, item: unknown, path: Path): TaintExtensions['sanitizers'][number] | undefined {
  if (typeof item === 'string') return reader.name(item, path) ? { name: item, safeFor: 'all' } : undefined;
  const table = reader.table(item, path);
  if (!table) return undefined;
  let name: string | undefined;
  let safeFor: string[] | 'all' = 'all';
  for (const [key, field] of Object.entries(table)) {
    if (key === 'name') name = reader.name(field, [...path, key]);
    else if (key === 'safe-for') safeFor = (reader.strings(field, [...path, key]) ?? []).filter((kind, index) => reader.sinkKind(kind, [...path, key, index]));
    else reader.unknownKey([...path, key], ['name', 'safe-for']);
  }
  if (!name) reader.problem(path, 'a sanitiser needs a "name"');
  return name ? { name, safeFor } : undefined;
}

function readTaint(reader: ConfigReader, value: unknown, config: ProjectConfig): void {
  const table = reader.table(value, ['taint']);
  if (!table) return;
  const taint: TaintExtensions = { sources: [], sanitizers: [], sinks: [] };
  for (const [key, item] of Object.entries(table)) {
    const path = ['taint', key];
    if (key === 'sources') {
      taint.sources = reader.names(item, path) ?? [];
    } else if (key === 'sanitizers') {
      if (!Array.isArray(item)) reader.problem(path, 'must be an array of names or { name, safe-for } tables');
      else taint.sanitizers = item.flatMap((entry, index) => readSanitizer(reader, entry, [...path, index]) ?? []);
    } else if (key === 'sinks') {
      for (const [kind, names] of Object.entries(reader.table(item, path) ?? {})) {
        if (!reader.sinkKind(kind, [...path, kind])) continue;
        for (const name of reader.names(names, [...path, kind]) ?? []) taint.sinks.push({ kind, name });
      }
    } else {
      reader.unknownKey(path, ['sources', 'sanitizers', 'sinks']);
    }
  }
  config.taint = taint;
}

function readSettings(reader: ConfigReader, settings: Record<string, unknown>, config: ProjectConfig): void {
  for (const [key, value] of Object.entries(settings)) {
    switch (key) {
      case 'select':
        config.select = reader.codes(value, [key]);
        break;
      case 'ignore':
        config.ignore = reader.codes(value, [key]);
        break;
      case 'extend-select':
        config.extendSelect = reader.codes(value, [key]);
        break;
      case 'per-file-ignores':
        for (const [pattern, codes] of Object.entries(reader.table(value, [key]) ?? {})) {
          const checked = reader.codes(codes, [key, pattern]);
          if (checked && reader.patterns([pattern], [key, pattern])?.length) config.perFileIgnores.push({ pattern, codes: checked });
        }
        break;
      case 'exclude':
        config.exclude = reader.patterns(value, [key]);
        break;
      case 'extend-exclude':
        config.extendExclude = reader.patterns(value, [key]) ?? [];
        break;
      case 'severity':
        readSeverity(reader, value, config);
        break;
      case 'thresholds':
        readThresholds(reader, value, config);
        break;
      case 'test-code':
        readTestCode(reader, value, config);
        break;
      case 'taint':
        readTaint(reader, value, config);
        break;
      default:
        reader.unknownKey([key], topLevelKeys);
    }
  }
}

export function emptyConfig(file: string, root: string): ProjectConfig {
  return { file, root, perFileIgnores: [], extendExclude: [], severity: {}, thresholds: {}, testCode: { paths: [] } };
}

export interface ParsedConfig {
  /** Undefined for a pyproject.toml without a `[tool.llama-review]` table: not a configuration. */
  config?: ProjectConfig;
  problems: ConfigProblem[];
}

/**
 * Reads a configuration file's text. A syntax error leaves every key at its default (the file is
 * reported); a pyproject.toml that does not parse counts only if it mentions our table.
 */
export function parseProjectConfig(text: string, file: string, root: string, kind: ConfigFileKind): ParsedConfig {
  let document: TomlDocument;
  try {
    document = readTomlDocument(text);
  } catch (error) {
    if (!(error instanceof TomlSyntaxError)) throw error;
    if (kind === 'pyproject' && !text.includes('llama-review')) return { problems: [] };
    return { config: emptyConfig(file, root), problems: [{ file, line: error.line, key: '', message: `not valid TOML: ${error.message} (column ${error.column}); using the defaults` }] };
  }
  const prefix = kind === 'pyproject' ? ['tool', 'llama-review'] : [];
  const tool = document.value.tool as Record<string, unknown> | undefined;
  const settings = kind === 'pyproject' ? tool?.['llama-review'] : document.value;
  if (settings === undefined) return { problems: [] };
  const reader = new ConfigReader(document, file, prefix);
  const config = emptyConfig(file, root);
  const table = reader.table(settings, []);
  if (table) readSettings(reader, table, config);
  return { config, problems: reader.problems };
}

/** How a problem reads in a terminal or a log: `pyproject.toml:12: [tool.llama-review] select.0: ...`. */
export function describeProblem(problem: ConfigProblem, shownPath = problem.file): string {
  return `${shownPath}:${problem.line}: ${problem.key ? `${problem.key}: ` : ''}${problem.message}`;
}
