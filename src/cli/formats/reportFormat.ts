// Which report `llama-review check` writes: `--format` or its Ruff-style alias `--output-format`,
// and `--statistics`, which replaces the rows by counts per rule.
import type { OptionSpec, ParsedArgs } from '../args';
import { UsageError } from '../io';
import type { FileReport } from './fileReport';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatStatisticsJson, formatStatisticsText } from './statistics';
import { formatText } from './text';
import type { VerdictLookup } from './verdicts';

export const reportFormats = ['text', 'json', 'sarif', 'github'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** The option specs to add to the command's, under both names. */
export const reportFormatOptions: Record<string, OptionSpec> = {
  format: { kind: 'value', choices: reportFormats },
  'output-format': { kind: 'value', choices: reportFormats },
  statistics: { kind: 'flag' },
};

export interface ReportChoice {
  format: ReportFormat;
  statistics: boolean;
}

/** Reads the choice from the parsed options; a usage error when they disagree or cannot be combined. */
export function chosenReport(parsed: ParsedArgs): ReportChoice {
  const format = parsed.values.get('format');
  const alias = parsed.values.get('output-format');
  if (format && alias && format !== alias) throw new UsageError(`--format ${format} and --output-format ${alias} disagree; give one of them.`);
  const chosen = (format ?? alias ?? 'text') as ReportFormat;
  const statistics = parsed.flags.has('statistics');
  if (statistics && chosen !== 'text' && chosen !== 'json') throw new UsageError(`--statistics prints text or JSON; it cannot be combined with --format ${chosen}.`);
  return { format: chosen, statistics };
}

export interface ReportContext {
  toolVersion: string;
  /** The absolute folder SARIF URIs are relative to. */
  sourceRoot?: string;
  /** --unsafe-fixes: unsafe fixes count as fixable too. */
  includeUnsafe?: boolean;
  /** `triage`: the model's verdicts, shown with the findings (statistics leave them out). */
  verdicts?: VerdictLookup;
}

export function renderReport(reports: readonly FileReport[], choice: ReportChoice, context: ReportContext): string {
  const selection = { includeUnsafe: context.includeUnsafe ?? false };
  if (choice.statistics) return choice.format === 'json' ? formatStatisticsJson(reports, selection) : formatStatisticsText(reports, selection);
  switch (choice.format) {
    case 'json':
      return formatJson(reports, context.verdicts);
    case 'sarif':
      return formatSarif(reports, context.toolVersion, context.sourceRoot, context.verdicts);
    case 'github':
      return formatGithub(reports, context.verdicts);
    case 'text':
      return formatText(reports, selection, context.verdicts);
  }
}
