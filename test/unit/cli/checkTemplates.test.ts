// `llama-review check` over templates: which files the walk takes, the report in every format, and
// selection by rule id and category.
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../../support/runCli';

interface Row {
  file: string;
  line: number;
  ruleId: string;
}

describe('llama-review check on templates', () => {
  let project: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  };
  const rows = async (...args: string[]) => {
    const { stdout } = await runCli(['check', '--format', 'json', ...args], project);
    return (JSON.parse(stdout) as Row[]).map((row) => `${row.file}:${row.line} ${row.ruleId}`);
  };

  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'llama-review-templates-'));
    mkdirSync(join(project, '.git'));
    write('.gitignore', 'build/\n');
    write('app/views.py', 'from flask import render_template\n\ndef home():\n    return render_template("pages/home.html", user=None)\n');
    write('app/templates/base.html', '<p>{{ bio|safe }}</p>\n');
    write('app/templates/mail/welcome.txt', '{% autoescape off %}Hello {{ name }}{% endautoescape %}\n');
    write('site/pages/home.html', '<script>var n = {{ n }};</script>\n');
    write('site/pages/about.html', '<p>{{ bio|safe }}</p>\n');
    write('deploy/motd.j2', '{% autoescape false %}<b>{{ motd }}</b>{% endautoescape %}\n');
    write('build/templates/out.html', '<p>{{ bio|safe }}</p>\n');
    write('docs/index.html', '<p>{{ bio|safe }}</p>\n');
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('walks templates in template folders, .j2 files anywhere, and pages a Python file renders', async () => {
    assert.deepEqual(await rows('--select', 'security'), [
      'app/templates/base.html:1 template-safe-filter',
      'deploy/motd.j2:1 template-autoescape-off',
      'site/pages/home.html:1 template-variable-in-script',
    ]);
  });

  it('takes the template folders from --template-folders', async () => {
    write('app/views.py', 'def home():\n    return 1\n');
    assert.deepEqual(await rows('--template-folders', 'pages,docs', '--select', 'template-safe-filter'), ['docs/index.html:1 template-safe-filter', 'site/pages/about.html:1 template-safe-filter']);
  });

  it('checks a template named on the command line wherever it is', async () => {
    assert.deepEqual(await rows('docs/index.html'), ['docs/index.html:1 template-safe-filter']);
  });

  it('selects and ignores template rules by id and by category', async () => {
    assert.deepEqual(await rows('--select', 'template-autoescape-off'), ['deploy/motd.j2:1 template-autoescape-off']);
    assert.deepEqual(await rows('--ignore', 'template-safe-filter,template-autoescape-off'), ['site/pages/home.html:1 template-variable-in-script']);
    assert.deepEqual(await rows('--ignore', 'security', 'app/templates', 'deploy', 'site'), []);
  });

  it('reports template findings as text and SARIF too', async () => {
    const text = await runCli(['check', 'app/templates'], project);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^app\/templates\/base\.html:1:4: warning template-safe-filter: /m);
    const sarif = JSON.parse((await runCli(['check', '--format', 'sarif', 'app/templates'], project)).stdout);
    const [result] = sarif.runs[0].results;
    assert.equal(result.ruleId, 'template-safe-filter');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'app/templates/base.html');
    const rule = sarif.runs[0].tool.driver.rules.find((candidate: { id: string }) => candidate.id === 'template-safe-filter');
    assert.ok(rule.properties.tags.includes('external/cwe/cwe-79'));
  });
});
