// `--statistics`: one row per rule with its count, like `ruff check --statistics`, for a first look
// at a codebase or for choosing what to --ignore.
import { isApplied, type FixSelection } from '../../analysis/fixes';
import { ruleMeta } from '../../analysis/rules';
import type { FileReport } from './fileReport';

export interface RuleCount {
  rule: string;
  aliases: string[];
  count: number;
  /** How many of them --fix would fix (with these flags: safe fixes, and unsafe ones with --unsafe-fixes). */
  fixable: number;
}

/** Counts per rule, the most frequent first; equal counts by rule id. */
export function ruleCounts(reports: readonly FileReport[], selection: FixSelection = { includeUnsafe: false }): RuleCount[] {
  const counts = new Map<string, RuleCount>();
  for (const finding of reports.flatMap((report) => report.findings)) {
    const row = counts.get(finding.ruleId) ?? { rule: finding.ruleId, aliases: finding.aliases, count: 0, fixable: 0 };
    row.count++;
    if (finding.fix && isApplied(finding.fix, selection)) row.fixable++;
    counts.set(finding.ruleId, row);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

/** Aligned columns: count, rule id, aliases, title, and how many are fixable when any are. */
export function formatStatisticsText(reports: readonly FileReport[], selection?: FixSelection): string {
  const rows = ruleCounts(reports, selection).map((row) => ({
    count: String(row.count),
    rule: row.rule,
    aliases: row.aliases.join(', '),
    title: ruleMeta(row.rule)?.title ?? '',
    fixable: row.fixable > 0 ? ` [${row.fixable} fixable]` : '',
  }));
  const width = (column: 'count' | 'rule' | 'aliases') => Math.max(0, ...rows.map((row) => row[column].length));
  const [countWidth, ruleWidth, aliasesWidth] = [width('count'), width('rule'), width('aliases')];
  const lines = rows.map((row) => {
    const columns = [row.count.padStart(countWidth), row.rule.padEnd(ruleWidth)];
    if (aliasesWidth > 0) columns.push(row.aliases.padEnd(aliasesWidth));
    return `${columns.join('  ')}  ${row.title}${row.fixable}`.trimEnd();
  });
  return lines.map((line) => `${line}\n`).join('');
}

/** A JSON array of `{rule, aliases, count, fixable}`, in the same order. */
export function formatStatisticsJson(reports: readonly FileReport[], selection?: FixSelection): string {
  return JSON.stringify(ruleCounts(reports, selection), null, 2) + '\n';
}
