// Reads rule fixtures: files whose comments say which lines must and must not flag.
//   x = eval(data)   # expect: eval-used
//   x = eval("1")    # ok: eval-used
//   <p>{{ bio|safe }}</p>   {# expect: template-safe-filter #}
// The marks sit in the language's own comments (its record's comment syntax).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { languageSupport } from '../../src/analysis/languages';
import { repositoryRoot } from './checkoutRoot';

export { repositoryRoot };
export const fixturesRoot = join(repositoryRoot, 'test', 'fixtures');

export interface FixtureExpectations {
  text: string;
  /** 0-based lines that must carry a finding of the rule. */
  expected: Set<number>;
  /** 0-based lines that must not; every other line must not either. */
  negative: Set<number>;
}

/** Where a language's fixtures live, the main fixture's extension, and which files are fixture variants. */
const fixtureLayout: Record<string, { folder: string; extension: string; isVariant: (file: string) => boolean }> = {
  python: { folder: 'python', extension: '.py', isVariant: (file) => file.endsWith('.py') },
  template: { folder: 'templates', extension: '.html', isVariant: (file) => /\.[a-z0-9]+$/i.test(file) },
};

function layoutOf(language: string) {
  const layout = fixtureLayout[language];
  if (!layout) throw new Error(`No fixture layout for language "${language}": add one to test/support/fixtures.ts.`);
  return layout;
}

export function ruleFixturePath(language: string, ruleId: string): string {
  const layout = layoutOf(language);
  return join(fixturesRoot, layout.folder, 'rules', `${ruleId}${layout.extension}`);
}

/** The golden file beside a rule's fixture: the fixture with all the rule's fixes applied (`eval-used.fixed.py`). */
export function ruleFixedFixturePath(language: string, ruleId: string): string {
  const layout = layoutOf(language);
  return join(fixturesRoot, layout.folder, 'rules', `${ruleId}.fixed${layout.extension}`);
}

/** Every golden file there is, by language: `.fixed` files in the rules folders. */
export function allRuleFixedFixtures(): { language: string; path: string; ruleId: string }[] {
  return Object.entries(fixtureLayout).flatMap(([language, layout]) => {
    const folder = join(fixturesRoot, layout.folder, 'rules');
    const suffix = `.fixed${layout.extension}`;
    return readdirSync(folder)
      .filter((name) => name.endsWith(suffix))
      .sort()
      .map((name) => ({ language, path: join(folder, name), ruleId: name.slice(0, -suffix.length) }));
  });
}

function idsAfter(marker: string, line: string, commentOpen: string): string[] {
  const open = commentOpen.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${open}.*\\b${marker}:\\s*([a-z0-9\\-, ]+)`).exec(line);
  return match ? match[1].split(/[,\s]+/).filter(Boolean) : [];
}

/** A fixture's `expect` and `ok` lines for one rule, marked in comments of `language`. */
export function expectationsFor(text: string, ruleId: string, language = 'python'): FixtureExpectations {
  const commentOpen = languageSupport(language)?.comment.open;
  if (!commentOpen) throw new Error(`No language "${language}".`);
  const expected = new Set<number>();
  const negative = new Set<number>();
  text.split('\n').forEach((line, index) => {
    if (idsAfter('expect', line, commentOpen).includes(ruleId)) expected.add(index);
    if (idsAfter('ok', line, commentOpen).includes(ruleId)) negative.add(index);
  });
  return { text, expected, negative };
}

export function readRuleFixture(language: string, ruleId: string): FixtureExpectations | undefined {
  const path = ruleFixturePath(language, ruleId);
  return existsSync(path) ? expectationsFor(readFileSync(path, 'utf8'), ruleId, language) : undefined;
}

export interface FixtureVariant extends FixtureExpectations {
  /** The file's path below the rule's fixture folder, given to the analysis as the file's path. */
  filePath: string;
}

/**
 * More fixtures of a rule whose findings depend on the whole file or its path: every file under
 * `<language folder>/rules/<rule-id>/` (a settings module, `settings/dev.py`), analyzed with its path below
 * that folder. The same `expect` / `ok` marks apply.
 */
export function readRuleFixtureVariants(language: string, ruleId: string): FixtureVariant[] {
  const layout = layoutOf(language);
  const folder = join(fixturesRoot, layout.folder, 'rules', ruleId);
  if (!existsSync(folder)) return [];
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter(layout.isVariant).sort();
  return files.map((file) => ({ filePath: file.split(sep).join('/'), ...expectationsFor(readFileSync(join(folder, file), 'utf8'), ruleId, language) }));
}

/** One `# reports: rule-id as severity` claim of a test-code fixture (0-based line). */
export interface ReportedSeverity {
  line: number;
  ruleId: string;
  severity: string;
}

/** The claims of a file whose lines say which rule reports there, and how severely. */
export function readReportedSeverities(text: string): ReportedSeverity[] {
  return text.split('\n').flatMap((line, index) => {
    const claims = /#\s*reports:\s*(.+)$/.exec(line)?.[1] ?? '';
    return [...claims.matchAll(/([a-z0-9-]+) as (error|warning|info|hint)/g)].map((claim) => ({ line: index, ruleId: claim[1], severity: claim[2] }));
  });
}

export const testCodeFixturesRoot = join(fixturesRoot, 'python', 'test-code');

/** The files under `folder` (recursively) whose names end in `extension`, sorted. */
export function fixtureFiles(folder: string, extension: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...fixtureFiles(path, extension));
    else if (entry.name.endsWith(extension)) found.push(path);
  }
  return found.sort();
}
