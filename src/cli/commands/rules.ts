// `llama-review rules`: the rule catalogue as a table (Markdown, for the README) or JSON.
import { allRules } from '../../analysis/rules';
import { parseArgs } from '../args';
import { exitCodes, type CliIO } from '../io';

function markdownTable(): string {
  const rows = allRules().map(({ meta }) => {
    const aliases = meta.aliases.join(', ') || '-';
    const cwe = meta.cwe ? `CWE-${meta.cwe}` : '-';
    const flags = meta.enabledByDefault === false ? ' (off by default)' : '';
    return `| \`${meta.id}\` | ${meta.title}${flags} | ${meta.category} | ${meta.severity} | ${meta.confidence} | ${cwe} | ${aliases} |`;
  });
  return ['| Rule | Title | Category | Severity | Confidence | CWE | Aliases |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}

export async function runRules(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args, { format: { kind: 'value', choices: ['markdown', 'json'] }, help: { kind: 'flag' } });
  if (parsed.flags.has('help')) {
    io.stdout.write('Usage: llama-review rules [--format markdown|json]\n\nLists every rule with its metadata.\n');
    return exitCodes.clean;
  }
  if (parsed.values.get('format') === 'json') {
    io.stdout.write(JSON.stringify(allRules().map((rule) => rule.meta), null, 2) + '\n');
  } else {
    io.stdout.write(markdownTable());
  }
  return exitCodes.clean;
}
