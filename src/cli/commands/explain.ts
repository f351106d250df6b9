// `llama-review explain FILE:LINE`: streams a model's explanation of the finding at that line
// (the local model, or a team's OpenAI-compatible server), grounded in the rule's why /
// do-instead / CWE and the numbered lines of the enclosing function. Without a usable model, the
// rule's own explanation is printed instead.
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { languageOfNamedFile } from '../../analysis/languages';
import { promptSpanAt, windowAround } from '../../analysis/promptSpan';
import { Analyzer } from '../../analysis/engine';
import type { Finding, Position, RuleMeta } from '../../analysis/finding';
import { hasGrammar, LanguageParser } from '../../analysis/parser';
import { ruleMeta } from '../../analysis/rules';
import { isAbortError, ModelError, NoModelAvailableError } from '../../model/errors';
import { explainPrompt, type LineSpan } from '../../model/prompts';
import { whereAnswersComeFrom } from '../../model/providerNotice';
import { createProviderRouter } from '../../model/setup';
import { cliModelLog } from '../modelLog';
import { downloadSuggestion, modelOptionSpecs, modelOptionsHelp, modelPartsFromArgs } from '../modelOptions';
import { parseArgs } from '../args';
import { exitCodes, UsageError, type CliIO } from '../io';

export const explainUsage = `Usage: llama-review explain FILE:LINE [options]

Explains the finding at FILE:LINE (1-based) with a model, streaming the answer. The prompt
holds the rule's reasoning and the numbered lines of the enclosing function.

Options:
  --rule ID           which finding, when the line has more than one
${modelOptionsHelp(512)}

Exit codes: 0 explained, 1 no finding there or no model available (the rule's own
explanation is printed instead), 2 usage or I/O error.
`;

function parseLocation(location: string | undefined): { file: string; line: number } {
  const colon = location?.lastIndexOf(':') ?? -1;
  const line = Number(location?.slice(colon + 1));
  if (!location || colon <= 0 || !Number.isInteger(line) || line < 1) throw new UsageError(`Give the finding as FILE:LINE, e.g. app.py:12; got "${location ?? ''}".`);
  return { file: location.slice(0, colon), line };
}

/** The lines the prompt shows: the enclosing function, or a window (see analysis/promptSpan.ts). */
async function spanAround(language: string, text: string, position: Position): Promise<LineSpan> {
  if (!hasGrammar(language)) return windowAround(text, position.line);
  const parser = await LanguageParser.create(language);
  const tree = parser.parse(text);
  try {
    return promptSpanAt(tree.rootNode, text, position);
  } finally {
    tree.delete();
    parser.dispose();
  }
}

function pickFinding(findings: Finding[], line: number, ruleId: string | undefined): Finding | undefined {
  const onLine = findings.filter((finding) => finding.range.start.line === line);
  return ruleId ? onLine.find((finding) => finding.ruleId === ruleId || finding.aliases.includes(ruleId)) : onLine[0];
}

/** The parse-based explanation: what the user gets when no model can answer. */
function ruleExplanation(finding: Finding, rule: RuleMeta | undefined): string {
  const cwe = finding.cwe ? ` (CWE-${finding.cwe})` : '';
  const lines = [`${finding.ruleId}${cwe}: ${finding.message}`];
  if (rule) lines.push(`Why: ${rule.why}`, `Do instead: ${rule.doInstead}`);
  return lines.join('\n') + '\n';
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args, { help: { kind: 'flag' }, rule: { kind: 'value' }, ...modelOptionSpecs });
  if (parsed.flags.has('help')) {
    io.stdout.write(explainUsage);
    return exitCodes.clean;
  }
  const { file, line } = parseLocation(parsed.positionals[0]);
  // Option mistakes first: before the file is read and analysed.
  const parts = modelPartsFromArgs(parsed, 'explain');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    io.stderr.write(`llama-review: cannot read ${file}: ${(error as Error).message}\n`);
    return exitCodes.usage;
  }

  // The file's language as `check` reads it; the path lets rules that read a file's name (development settings) see the same.
  const language = languageOfNamedFile(resolve(file)) ?? '';
  const analyzer = await Analyzer.create(language ? [language] : []);
  const findings = analyzer.analyze(text, language, { filePath: resolve(file) }).findings;
  const finding = pickFinding(findings, line - 1, parsed.values.get('rule'));
  if (!finding) {
    const lines = [...new Set(findings.map((each) => each.range.start.line + 1))];
    io.stderr.write(`llama-review: no finding at ${file}:${line}${parsed.values.get('rule') ? ` for ${parsed.values.get('rule')}` : ''}. ${lines.length ? `Findings in this file are on lines ${lines.join(', ')}.` : 'This file has no findings.'}\n`);
    return exitCodes.findings;
  }
  const rule = ruleMeta(finding.ruleId);
  const prompt = explainPrompt({ fileName: file, text, finding, rule, span: await spanAround(language, text, finding.range.start) });

  const providers = createProviderRouter(parts, { log: cliModelLog(io) });
  const provider = providers.providerFor('explain').describe();
  if (provider.codeLeavesMachine) io.stderr.write(`llama-review: ${whereAnswersComeFrom(provider)}\n`);
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  try {
    const result = await providers.ask({ prompt }, { signal: controller.signal, onText: (chunk) => io.stdout.write(chunk) });
    io.stdout.write('\n');
    if (result.fellBack) io.stderr.write(`llama-review: ${result.fellBack.from.label} could not answer (${result.fellBack.reason}); the ${result.provider.label} answered.\n`);
    io.stderr.write(`(${result.modelId}${result.provider.kind === 'local' ? '' : ` at ${result.provider.label}`}: ${result.outputTokens} tokens at ${result.tokensPerSecond.toFixed(1)} tokens/s${result.truncated ? '; stopped at the token limit' : ''})\n`);
    return exitCodes.clean;
  } catch (error) {
    if (isAbortError(error)) {
      io.stderr.write('llama-review: cancelled.\n');
      return exitCodes.findings;
    }
    if (!(error instanceof ModelError)) throw error;
    io.stderr.write(`llama-review: ${error.message}\n`);
    const suggestion = error instanceof NoModelAvailableError && downloadSuggestion(parts);
    if (suggestion) io.stderr.write(`${suggestion}\n`);
    io.stdout.write(ruleExplanation(finding, rule));
    return exitCodes.findings;
  } finally {
    process.off('SIGINT', cancel);
    await providers.dispose();
  }
}
