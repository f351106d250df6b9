// `llama-review triage [paths...]`: the check `check` runs, then a model's verdict on each finding
// (true or false positive), held to the code the model was shown, in the same reports. The exit
// code is check's: a model's opinion never decides whether a build passes.
import { isAbortError, isNoModelError } from '../../model/errors';
import { whereAnswersComeFrom } from '../../model/providerNotice';
import { createProviderRouter, type ModelParts } from '../../model/setup';
import { triageBatch, triageConcurrency, type TriageBatchOutcome } from '../../model/triage/triageBatch';
import { defaultTriageCacheFile, TriageCache, triageAskedOf } from '../../model/triage/triageCache';
import type { TriageResult, TriageSubject } from '../../model/triage/triageFinding';
import { parseArgs, type ParsedArgs } from '../args';
import { renderReport } from '../formats/reportFormat';
import type { FindingVerdict, VerdictLookup } from '../formats/verdicts';
import { exitCodes, type CliIO } from '../io';
import { cliModelLog } from '../modelLog';
import { downloadSuggestion, modelOptionSpecs, modelOptionsHelp, modelPartsFromArgs, positiveInteger } from '../modelOptions';
import { triageSubjects } from '../triageSubjects';
import { checkExitCode, checkFromOptions, checkOptionSpecs, writeReport } from './check';

const defaultMaxFindings = 50;

export const triageUsage = `Usage: llama-review triage [options] [paths...]

Runs the same check as "llama-review check", then asks a model (the local one, or a team's
OpenAI-compatible server) whether each finding is a real problem or a false positive. Every
verdict is held to the code: the lines it cites must be lines the model was shown, or it counts
as unsure. The report is check's (text, JSON, SARIF or GitHub) with the verdicts added; in SARIF
a likely false positive is a suppression under review, never an accepted one. Verdicts are
cached, so a finding whose lines have not changed is not asked about again.

Triage options:
  --max-findings N    ask about at most N findings per run, the most severe first (default:
                      ${defaultMaxFindings}); verdicts from the cache do not count
  --cache FILE        where verdicts are kept (default: triage.json in the user cache folder,
                      e.g. ~/.cache/llama-review/triage.json)
  --no-cache          ask about every finding afresh, and keep nothing
${modelOptionsHelp(256)}

Every option of "llama-review check" works here too, except --fix, --unsafe-fixes, --statistics
and --write-baseline (see "llama-review check --help").

Exit codes: as check's, whatever the model says: 0 no findings, 1 findings, 2 usage or I/O error.
Without a model the findings are reported without verdicts, with the same exit code.
`;

// Triage reports on findings as they are: fixing, counting and baselines belong to `check`.
const { fix: _fix, 'unsafe-fixes': _unsafeFixes, statistics: _statistics, 'write-baseline': _writeBaseline, ...checkOptions } = checkOptionSpecs;

const triageOptionSpecs = {
  ...checkOptions,
  ...modelOptionSpecs,
  'max-findings': { kind: 'value' },
  cache: { kind: 'value' },
  'no-cache': { kind: 'flag' },
} as const;

export async function runTriage(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args, triageOptionSpecs);
  if (parsed.flags.has('help')) {
    io.stdout.write(triageUsage);
    return exitCodes.clean;
  }
  // Option mistakes first, before the check runs.
  const maxFindings = positiveInteger(parsed.values.get('max-findings'), 'max-findings') ?? defaultMaxFindings;
  const parts = modelPartsFromArgs(parsed, 'triage');
  const run = await checkFromOptions(parsed, io);
  if (typeof run === 'number') return run;
  const { subjects, problems } = await triageSubjects(run.reports);
  for (const problem of problems) io.stderr.write(`llama-review: ${problem}\n`);
  const verdicts = subjects.length > 0 ? await triage(subjects, parts, parsed, maxFindings, io) : () => undefined;
  if (!(await writeReport(renderReport(run.reports, run.choice, { ...run.context, verdicts }), parsed, io))) return exitCodes.usage;
  return checkExitCode(run, parsed);
}

async function triage(subjects: TriageSubject[], parts: ModelParts, parsed: ParsedArgs, maxFindings: number, io: CliIO): Promise<VerdictLookup> {
  const log = cliModelLog(io);
  const router = createProviderRouter(parts, { log });
  const kind = router.kindFor('triage');
  const provider = router.providerFor('triage').describe();
  if (provider.codeLeavesMachine) io.stderr.write(`llama-review: ${whereAnswersComeFrom(provider)}\n`);
  const cache = parsed.flags.has('no-cache') ? new TriageCache() : await TriageCache.open(parsed.values.get('cache') ?? defaultTriageCacheFile());
  if (cache.loadProblem) io.stderr.write(`llama-review: triage cache: ${cache.loadProblem}.\n`);
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  const progress = (io.stderr as { isTTY?: boolean }).isTTY ? ({ done, total }: { done: number; total: number }) => io.stderr.write(`\rllama-review: triage ${done}/${total}`) : undefined;
  let outcome: TriageBatchOutcome;
  try {
    outcome = await triageBatch(subjects, { asker: router, concurrency: triageConcurrency(parts.settings, kind), maxFindings, cache, askedOf: triageAskedOf(parts.settings, kind), signal: controller.signal, onProgress: progress });
  } finally {
    process.off('SIGINT', cancel);
    if (progress) io.stderr.write('\n');
    await router.dispose();
  }
  if (!parsed.flags.has('no-cache')) await cache.save().catch((error: Error) => io.stderr.write(`llama-review: cannot save the triage cache ${cache.file}: ${error.message}\n`));
  reportOutcome(subjects, outcome, parts, !parsed.flags.has('no-cache'), io);
  for (const [index, result] of outcome.results.entries()) {
    const { fileName, finding } = subjects[index];
    if (result && !result.verified) log('warn', `${fileName}:${finding.range.start.line + 1} ${finding.ruleId}: the model's verdict did not hold up: ${result.rejected.join('; ')}`);
  }
  const byFinding = new Map(outcome.results.flatMap((result, index) => (result ? [[subjects[index].finding, shownVerdict(result)] as const] : [])));
  return (finding) => byFinding.get(finding);
}

function shownVerdict(result: TriageResult): FindingVerdict {
  const { verdict, reason, evidenceLines, fixHint, modelId, verified, rejected } = result;
  return { verdict, reason, evidenceLines, fixHint, model: modelId, verified, rejected };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** One summary on standard error, and why the batch ended early when it did. */
function reportOutcome(subjects: readonly TriageSubject[], outcome: TriageBatchOutcome, parts: ModelParts, cached: boolean, io: CliIO): void {
  if (outcome.stopped && !isAbortError(outcome.stopped)) {
    io.stderr.write(`llama-review: ${outcome.stopped.message}\n`);
    const suggestion = isNoModelError(outcome.stopped) && downloadSuggestion(parts);
    if (suggestion) io.stderr.write(`${suggestion}\n`);
    io.stderr.write(`llama-review: ${outcome.asked + outcome.fromCache === 0 ? 'the findings are reported without verdicts' : 'the other findings are reported without verdicts'}.\n`);
  }
  if (outcome.cancelled) io.stderr.write('llama-review: triage cancelled; the findings it had not reached are reported without verdicts.\n');
  const results = outcome.results.filter((result): result is TriageResult => result !== undefined);
  if (results.length > 0) {
    const count = (verdict: TriageResult['verdict']) => results.filter((result) => result.verdict === verdict).length;
    const models = [...new Set(results.filter((result) => !result.cached).map((result) => `${result.modelId}${result.provider.kind === 'local' ? '' : ` at ${result.provider.label}`}`))];
    const unverified = results.filter((result) => !result.verified).length;
    io.stderr.write(
      `llama-review: triaged ${plural(results.length, 'finding')} of ${subjects.length} (${outcome.asked} asked${models.length ? ` of ${models.join(', ')}` : ''}, ${outcome.fromCache} from the cache): ` +
        `${plural(count('false-positive'), 'likely false positive')}, ${plural(count('true-positive'), 'likely true positive')}, ${count('unsure')} unsure` +
        `${unverified ? ` (${plural(unverified, 'answer')} did not hold up against the code)` : ''}.\n`,
    );
  }
  if (outcome.overBudget > 0) io.stderr.write(`llama-review: ${plural(outcome.overBudget, 'more finding')} not triaged: over --max-findings${cached ? '; run again to go on, the verdicts so far are cached' : ''}.\n`);
}
