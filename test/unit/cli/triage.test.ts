// `llama-review triage` end to end with the tiny model (random answers: structure, verification
// and the reports' shape are asserted, never wording): JSON rows with verdicts, SARIF that the
// SARIF 2.1.0 schema accepts, text with the model's words, the cache and the budget, and without
// a model the check's own report and exit code.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { triageVerdicts } from '../../../src/model/triage/triageAnswer';
import { ModelScratch } from '../../support/modelFixtures';
import { runCli } from '../../support/runCli';
import { sarifSchemaErrors } from '../../support/sarifSchema';
import { flaskView } from '../../support/triageFixtures';

interface TriageRow {
  file: string;
  line: number;
  ruleId: string;
  triage?: { verdict: string; reason: string; evidenceLines: number[]; fixHint: string; model: string; verified: boolean; rejected: string[] };
}

const app = `${flaskView}\n\ndef calculate(expression):\n    return eval(expression)\n`;
const lineCount = app.split('\n').length;

describe('llama-review triage', function () {
  this.timeout(180_000);
  let scratch: ModelScratch;
  let project: string;
  let model: string[];

  before(() => {
    scratch = new ModelScratch();
    project = join(scratch.folder, 'project');
    mkdirSync(join(project, '.git'), { recursive: true });
    writeFileSync(join(project, 'app.py'), app);
    model = ['--model-file', scratch.tinyModel, '--chat-format', 'llama2', '--max-tokens', '900', '--threads', '1', '--cache', join(scratch.folder, 'triage.json')];
  });
  after(() => scratch.dispose());

  it('adds a verdict to every JSON row, and exits as check does', async () => {
    const result = await runCli(['triage', '--format', 'json', ...model], project);
    assert.equal(result.code, 1, result.stderr);
    const rows = JSON.parse(result.stdout) as TriageRow[];
    assert.deepEqual(rows.map((row) => row.ruleId).sort(), ['command-injection', 'eval-used']);
    for (const { triage } of rows) {
      assert.ok(triage, 'every finding was triaged');
      assert.ok((triageVerdicts as readonly string[]).includes(triage.verdict));
      assert.equal(triage.model, 'local-file');
      assert.equal(typeof triage.reason, 'string');
      assert.equal(typeof triage.fixHint, 'string');
      assert.ok(triage.evidenceLines.every((line) => Number.isInteger(line) && line >= 1 && line <= lineCount), 'evidence is lines of the file');
      // What did not hold up is unsure and says why; what did is never contradicted by a rejection.
      assert.equal(triage.verified, triage.rejected.length === 0);
      if (!triage.verified) assert.equal(triage.verdict, 'unsure');
    }
    assert.match(result.stderr, /triaged 2 findings of 2 \(2 asked of local-file, 0 from the cache\)/);
  });

  it('answers the second run from its cache, and asks afresh with --no-cache', async () => {
    const again = await runCli(['triage', '--format', 'json', ...model], project);
    assert.match(again.stderr, /triaged 2 findings of 2 \(0 asked, 2 from the cache\)/);
    const fresh = await runCli(['triage', '--format', 'json', ...model, '--no-cache'], project);
    assert.match(fresh.stderr, /\(2 asked of local-file, 0 from the cache\)/);
  });

  it('writes SARIF that the SARIF 2.1.0 schema accepts, with the verdict in each result and suppressions only under review', async () => {
    const result = await runCli(['triage', '--format', 'sarif', ...model], project);
    const log = JSON.parse(result.stdout);
    assert.deepEqual(sarifSchemaErrors(log), []);
    const results = log.runs[0].results as { properties?: Record<string, { verdict: string; verified: boolean }>; suppressions?: { kind: string; status: string }[] }[];
    assert.equal(results.length, 2);
    for (const each of results) {
      const verdict = each.properties?.['llamaReview/triage'];
      assert.ok(verdict, 'the verdict is in the result properties');
      if (verdict.verdict === 'false-positive') assert.deepEqual(each.suppressions?.map(({ kind, status }) => [kind, status]), [['external', 'underReview']]);
      else assert.equal(each.suppressions, undefined);
    }
  });

  it('marks each finding in text with the model\'s words', async () => {
    const result = await runCli(['triage', ...model], project);
    const findingLines = result.stdout.split('\n').filter((line) => line.startsWith('app.py:'));
    assert.equal(findingLines.length, 2);
    for (const line of findingLines) assert.match(line, / \[model: (likely false positive: .+|likely true positive|unsure.*)\]$/);
  });

  it('asks about no more findings than --max-findings, the most severe first', async () => {
    const result = await runCli(['triage', '--format', 'json', ...model, '--no-cache', '--max-findings', '1'], project);
    const rows = JSON.parse(result.stdout) as TriageRow[];
    assert.deepEqual(rows.filter((row) => row.triage).map((row) => row.ruleId), ['command-injection'], 'the error before the warning');
    assert.match(result.stderr, /1 more finding not triaged: over --max-findings\./);
  });

  it('reports the check\'s findings without verdicts, and its exit code, when no model is available', async () => {
    const check = await runCli(['check', '--format', 'sarif'], project);
    const triage = await runCli(['triage', '--format', 'sarif', '--models-dir', join(scratch.folder, 'no-models'), '--no-cache'], project);
    assert.equal(triage.code, check.code);
    assert.equal(triage.stdout, check.stdout);
    assert.match(triage.stderr, /no model available; parse-based review continues/);
    assert.match(triage.stderr, /Download one with: llama-review models download /);
    assert.match(triage.stderr, /the findings are reported without verdicts/);
  });

  it('refuses what belongs to check alone, and a budget that is not a positive number', async () => {
    for (const args of [['--fix'], ['--statistics'], ['--write-baseline', 'b.json'], ['--max-findings', '0']]) {
      const result = await runCli(['triage', ...args], project);
      assert.equal(result.code, 2, args.join(' '));
    }
  });
});
