// Where a rule says how sure it is: the severity and confidence of findings that the fixtures only
// place by line.
import * as assert from 'node:assert/strict';
import { Analyzer } from '../../../src/analysis/engine';
import type { Finding } from '../../../src/analysis/finding';

describe('severity and confidence of findings', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  const strength = (text: string, ruleId: string, filePath?: string) =>
    analyzer
      .analyze(text, 'python', { select: [ruleId], filePath })
      .findings.map((finding: Finding) => `${finding.range.start.line + 1} ${finding.severity} ${finding.confidence}`);

  const settings = (lines: string) => `DEBUG = False\nINSTALLED_APPS = []\n${lines}\n`;

  it('reports a placeholder password that a settings module keeps as information, unsure', () => {
    assert.deepEqual(strength(settings('EMAIL_HOST_PASSWORD = "your-password-here"\nDB = {"PASSWORD": "password"}'), 'hardcoded-password-assignment'), [
      '3 info low',
      '4 info low',
    ]);
    assert.deepEqual(strength('EMAIL_HOST_PASSWORD = "your-password-here"\n', 'hardcoded-password-assignment'), []);
  });

  it('reports a weak signing key as an error, a random one as a warning, both as information in development settings', () => {
    const text = settings('SECRET_KEY = "aaaaaaa"\nJWT_SECRET_KEY = "kQ2pL9wR4tY7uI1oP3aS6dF8gH0jK5lZ"');
    assert.deepEqual(strength(text, 'hardcoded-secret-key'), ['3 error high', '4 warning medium']);
    assert.deepEqual(strength(text, 'hardcoded-secret-key', 'project/settings/local.py'), ['3 info high', '4 info medium']);
  });

  it('reminds rather than warns where a view that other servers call is exempt from CSRF checks', () => {
    const text = 'from django.views.decorators.csrf import csrf_exempt\n\n@csrf_exempt\ndef transfer(request): pass\n\n@csrf_exempt\ndef paypal_ipn(request): pass\n';
    assert.deepEqual(strength(text, 'csrf-protection-disabled'), ['3 warning medium', '6 info low']);
  });
});
