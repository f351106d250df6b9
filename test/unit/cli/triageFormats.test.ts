// How each report shows a verdict, with hand-written verdicts (the tiny model's are random): a
// likely false positive in text, JSON and GitHub annotations, and in SARIF a suppression under
// review that the SARIF 2.1.0 schema accepts; check's own SARIF passes the same schema.
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileReport } from '../../../src/cli/formats/fileReport';
import { formatGithub } from '../../../src/cli/formats/github';
import { formatJson } from '../../../src/cli/formats/json';
import { formatSarif } from '../../../src/cli/formats/sarif';
import { formatText } from '../../../src/cli/formats/text';
import type { FindingVerdict } from '../../../src/cli/formats/verdicts';
import { runCli } from '../../support/runCli';
import { sarifSchemaErrors, sarifSchemaTitle } from '../../support/sarifSchema';
import { commandInjection, flaskView } from '../../support/triageFixtures';

const falsePositive: FindingVerdict = {
  verdict: 'false-positive',
  reason: 'The host is checked against\nan allow-list on line 9.',
  evidenceLines: [9],
  fixHint: '',
  model: 'codellama-7b-instruct-q4km',
  verified: true,
  rejected: [],
};

describe('triage verdicts in the reports', () => {
  const finding = commandInjection();
  const other = { ...commandInjection(), ruleId: 'eval-used', range: { start: { line: 11, column: 4 }, end: { line: 11, column: 15 } } };
  const reports: FileReport[] = [{ path: 'app.py', findings: [finding, other] }];
  const verdicts = (candidate: unknown) => (candidate === finding ? falsePositive : undefined);

  it('text: "model: likely false positive: <reason>" on one line, nothing on a finding without a verdict', () => {
    const lines = formatText(reports, undefined, verdicts).split('\n');
    assert.match(lines[0], /^app\.py:11:5: error command-injection: .* \[model: likely false positive: The host is checked against an allow-list on line 9\.\]$/);
    const unjudged = lines.find((line) => line.startsWith('app.py:12:5'));
    assert.ok(unjudged && !unjudged.includes('model:'), unjudged);
  });

  it('text: unsure verdicts say whether the answer held up', () => {
    const unsure = (verified: boolean) => formatText(reports, undefined, (candidate) => (candidate === finding ? { ...falsePositive, verdict: 'unsure', verified } : undefined)).split('\n')[0];
    assert.match(unsure(true), /\[model: unsure\]$/);
    assert.match(unsure(false), /\[model: unsure, its answer did not hold up against the code\]$/);
  });

  it('JSON: a triage object on the row with a verdict only', () => {
    const rows = JSON.parse(formatJson(reports, verdicts)) as { ruleId: string; triage?: unknown }[];
    assert.deepEqual(rows[0].triage, { verdict: 'false-positive', reason: falsePositive.reason, evidenceLines: [9], fixHint: '', model: 'codellama-7b-instruct-q4km', verified: true, rejected: [] });
    assert.equal(rows[1].triage, undefined);
  });

  it('GitHub: the verdict follows the message', () => {
    assert.match(formatGithub(reports, verdicts).split('\n')[0], /::.*\(model: likely false positive: The host is checked/);
  });

  it(`SARIF: a false positive is suppressed externally, under review, never accepted, and the log passes the ${sarifSchemaTitle()}`, () => {
    const log = JSON.parse(formatSarif(reports, '0.0.0-test', '/project', verdicts));
    assert.deepEqual(sarifSchemaErrors(log), []);
    const [judged, unjudged] = log.runs[0].results;
    assert.equal(judged.suppressions.length, 1);
    assert.equal(judged.suppressions[0].kind, 'external');
    assert.equal(judged.suppressions[0].status, 'underReview');
    assert.match(judged.suppressions[0].justification, /codellama-7b-instruct-q4km.*likely false positive: The host is checked against an allow-list on line 9\. No person has reviewed it yet\./);
    assert.equal(judged.properties['llamaReview/triage'].verdict, 'false-positive');
    assert.equal(unjudged.suppressions, undefined);
    assert.equal(unjudged.properties, undefined);
  });

  it('SARIF: a true positive carries its verdict without a suppression', () => {
    const log = JSON.parse(formatSarif(reports, '0.0.0-test', undefined, (candidate) => (candidate === finding ? { ...falsePositive, verdict: 'true-positive' } : undefined)));
    assert.deepEqual(sarifSchemaErrors(log), []);
    assert.equal(log.runs[0].results[0].suppressions, undefined);
    assert.equal(log.runs[0].results[0].properties['llamaReview/triage'].verdict, 'true-positive');
  });

  it("SARIF: check's own log, with a taint path and a skipped file, passes the schema too", async () => {
    const project = mkdtempSync(join(tmpdir(), 'llama-review-sarif-'));
    try {
      mkdirSync(join(project, '.git'));
      writeFileSync(join(project, 'app.py'), flaskView);
      writeFileSync(join(project, 'big.py'), `x = 1\n${'#'.repeat(2000)}\n`);
      const result = await runCli(['check', '--format', 'sarif', '--max-bytes', '1000'], project);
      const log = JSON.parse(result.stdout);
      assert.ok(log.runs[0].results.some((each: { codeFlows?: unknown }) => each.codeFlows), 'a result with a code flow');
      assert.equal(log.runs[0].invocations[0].toolExecutionNotifications.length, 1, 'a skipped file');
      assert.deepEqual(sarifSchemaErrors(log), []);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
