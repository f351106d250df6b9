// Triage benchmarks with test-written GGUFs (random weights: speed is real, verdicts are not):
// time per finding through the real pipeline (prompt, local provider, JSON grammar,
// verification), the first one with the model's load, and how many answers verification turned
// to unsure, by reason. Findings come from the rule fixtures, so every machine triages the same.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analyzer } from '../src/analysis/engine';
import { LanguageParser } from '../src/analysis/parser';
import { promptSpanAt } from '../src/analysis/promptSpan';
import { ruleMeta } from '../src/analysis/rules';
import { Catalog } from '../src/model/catalog';
import { chooseThreadCount, osMachineProfile } from '../src/model/hardware';
import { InProcessHost } from '../src/model/host';
import { LocalProvider } from '../src/model/localProvider';
import { ProviderRouter } from '../src/model/providerRouter';
import { ModelRuntime } from '../src/model/runtime';
import { resolveModelSettings } from '../src/model/settings';
import { ModelStore } from '../src/model/store';
import { triageBatch } from '../src/model/triage/triageBatch';
import { prepareTriage, type TriageResult, type TriageSubject } from '../src/model/triage/triageFinding';
import { ruleFixturePath } from '../test/support/fixtures';
import { writeTinyModel } from '../test/support/gguf';
import { tinyCatalogEntry } from '../test/support/tinyCatalogEntry';
import { benchModels } from './modelBench';
import { row, type FailedRow } from './rows';
import { median, spread, type Spread } from './stats';

export interface TriageFigures {
  model: string;
  threads: number;
  findings: number;
  /** The answer's token limit: the tiny models' tokens are about a character each, so 900 of them hold what 256 real tokens do. */
  maxTokens: number;
  promptTokensP50: number;
  /** Load plus the first finding. */
  firstMs: number;
  /** Each later finding, the model loaded. */
  perFinding: Spread;
  verified: number;
  /** Answers that parsed but failed verification, by reason. */
  rejected: Record<string, number>;
  /** Answers that could not be read at all (cut off, or not the schema). */
  unreadable: number;
}

const taintFixtures = ['command-injection', 'sql-injection', 'code-injection', 'path-traversal', 'ssrf', 'xss'];
const maxTokens = 900;

/** The first findings of the taint rules' fixtures, with the spans the CLI would give them. */
async function fixtureSubjects(limit: number): Promise<TriageSubject[]> {
  const analyzer = await Analyzer.create(['python']);
  const parser = await LanguageParser.create('python');
  const subjects: TriageSubject[] = [];
  try {
    for (const ruleId of taintFixtures) {
      const path = ruleFixturePath('python', ruleId);
      const text = readFileSync(path, 'utf8');
      const tree = parser.parse(text);
      for (const finding of analyzer.analyze(text, 'python', { filePath: path }).findings.filter((each) => each.ruleId === ruleId).slice(0, Math.ceil(limit / taintFixtures.length))) {
        subjects.push({ fileName: `${ruleId}.py`, text, finding, rule: ruleMeta(ruleId), enclosingSpan: promptSpanAt(tree.rootNode, text, finding.range.start) });
      }
      tree.delete();
    }
  } finally {
    parser.dispose();
    analyzer.dispose();
  }
  return subjects.slice(0, limit);
}

/** "evidence line 42, which was not shown" -> "evidence line not shown": the reason without its numbers. */
function rejectionKind(reason: string): string {
  if (reason.startsWith('evidence ')) return 'evidence line not shown';
  if (reason.startsWith('the reason cites')) return 'reason cites a line not shown';
  if (reason.startsWith('the fix hint cites')) return 'fix hint cites a line not shown';
  if (reason.includes('needs at least one evidence line')) return 'verdict without evidence';
  return 'other';
}

async function triageTimes(path: string, model: string, subjects: readonly TriageSubject[], threads: number): Promise<TriageFigures> {
  const settings = resolveModelSettings({ threads, tasks: { triage: { model: 'bench', maxTokens } } }, {});
  const host = new InProcessHost({ gpu: 'off', threads, idleUnloadMs: 0 });
  const store = new ModelStore(join(path, '..', 'models'));
  const catalog = new Catalog([tinyCatalogEntry({ id: 'bench', name: model, fileName: 'bench.gguf', path })]);
  const router = new ProviderRouter(settings, () => new LocalProvider(new ModelRuntime({ host, catalog, store, settings }), host));
  const stamps: number[] = [];
  try {
    const outcome = await triageBatch(subjects, { asker: router, concurrency: 1, maxFindings: subjects.length, onProgress: () => stamps.push(performance.now()) });
    if (outcome.stopped) throw outcome.stopped;
    const gaps = stamps.slice(1).map((stamp, index) => stamp - stamps[index]);
    const results = outcome.results.filter((result): result is TriageResult => result !== undefined);
    const rejected: Record<string, number> = {};
    for (const result of results.filter((each) => !each.verified && !each.unreadable)) {
      for (const kind of new Set(result.rejected.map(rejectionKind))) rejected[kind] = (rejected[kind] ?? 0) + 1;
    }
    return {
      model,
      threads,
      findings: results.length,
      maxTokens,
      promptTokensP50: median(subjects.map((subject) => prepareTriage(subject).prompt.promptTokens)),
      firstMs: gaps[0],
      perFinding: spread(gaps.slice(1)),
      verified: results.filter((result) => result.verified).length,
      rejected,
      unreadable: results.filter((result) => result.unreadable).length,
    };
  } finally {
    await router.dispose();
  }
}

export async function runTriageBench(options: { quick: boolean; log: (line: string) => void }): Promise<(TriageFigures | (FailedRow & { model: string }))[]> {
  const folder = mkdtempSync(join(tmpdir(), 'llama-review-bench-triage-'));
  try {
    const subjects = await fixtureSubjects(options.quick ? 6 : 12);
    const { threads } = chooseThreadCount(osMachineProfile(), 'auto');
    const figures: (TriageFigures | (FailedRow & { model: string }))[] = [];
    for (const { name, shape } of options.quick ? benchModels.slice(0, 1) : benchModels) {
      options.log(`triage with ${name}: ${subjects.length} findings at ${threads} thread(s)`);
      const path = writeTinyModel(join(folder, `${shape.embedding}x${shape.layers}.gguf`), { shape });
      figures.push(await row(`triage with ${name}`, options.log, { model: name }, () => triageTimes(path, name, subjects, threads)));
    }
    return figures;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
