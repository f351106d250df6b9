// Test code: which paths count, and what the demoted rules report there.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../../src/analysis/engine';
import { ruleMeta } from '../../../src/analysis/rules';
import { isTestCodePath, rulesDemotedInTestCode } from '../../../src/analysis/testCode';
import { readReportedSeverities, testCodeFixturesRoot } from '../../support/fixtures';

describe('test code', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  it('is told by its folder or file name', () => {
    const testCode = ['tests/test_api.py', 'pkg/tests/helpers.py', '/src/app/test/data.py', 'app/conftest.py', 'test_login.py', 'api_test.py', 'blog/tests.py', 'C:\\proj\\tests\\util.py', 'stubs/test_x.pyi'];
    const notTestCode = ['app/views.py', 'latest_tests_data.py', 'app/testing.py', 'contest.py', 'app/test.py', 'pytest_plugin.py', 'app/attest/x.py', 'testdata/x.py', 'app/test_/x.py'];
    for (const path of testCode) assert.ok(isTestCodePath(path), path);
    for (const path of notTestCode) assert.ok(!isTestCodePath(path), path);
  });

  it('names only rules that exist', () => {
    for (const id of rulesDemotedInTestCode) assert.ok(ruleMeta(id), id);
  });

  const applicationCode = readFileSync(join(testCodeFixturesRoot, 'app', 'client.py'), 'utf8');
  const options = (filePath: string | undefined, extra = {}) => ({ filePath, select: ['security', 'reliability'], ...extra });
  const severityOf = (text: string, ruleId: string, extra: Parameters<Analyzer['analyze']>[2]) =>
    analyzer.analyze(text, 'python', extra).findings.find((finding) => finding.ruleId === ruleId)?.severity;

  for (const file of ['app/client.py', 'tests/test_client.py', 'app/client_test.py', 'app/conftest.py']) {
    it(`reports what ${file} says, at the severity it says`, () => {
      const text = readFileSync(join(testCodeFixturesRoot, file), 'utf8');
      const claims = readReportedSeverities(text);
      assert.ok(claims.length > 0);
      const found = analyzer.analyze(text, 'python', options(file)).findings.map((f) => `${f.range.start.line}:${f.ruleId}:${f.severity}`);
      assert.deepEqual(found.sort(), claims.map((claim) => `${claim.line}:${claim.ruleId}:${claim.severity}`).sort());
    });
  }

  it('keeps full severities without a path or with demotion off', () => {
    assert.equal(severityOf(applicationCode, 'hardcoded-password-assignment', options(undefined)), 'warning');
    assert.equal(severityOf(applicationCode, 'hardcoded-password-assignment', options('tests/test_client.py', { demoteTestCode: false })), 'warning');
    assert.equal(severityOf(applicationCode, 'hardcoded-password-assignment', options('tests/test_client.py')), 'hint');
  });

  it('lets a severity the user set win over the demotion', () => {
    const overrides = { severityOverrides: { 'tls-verify-disabled': 'error' as const } };
    assert.equal(severityOf(applicationCode, 'tls-verify-disabled', options('tests/test_client.py', overrides)), 'error');
  });
});
