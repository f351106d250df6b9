// What a configuration does to the review of one file, through the real analyzer.
import * as assert from 'node:assert/strict';
import { isExcluded, optionsForFile } from '../../../src/analysis/config/fileOptions';
import { parseProjectConfig } from '../../../src/analysis/config/projectConfig';
import { Analyzer, type AnalyzeOptions } from '../../../src/analysis/engine';

const root = '/repo';
function configOf(text: string) {
  const { config, problems } = parseProjectConfig(text, `${root}/llama-review.toml`, root, 'standalone');
  assert.deepEqual(problems, []);
  return config!;
}

describe('configuration applied to a file', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  const ruleIds = (text: string, options: AnalyzeOptions) => analyzer.analyze(text, 'python', options).findings.map((finding) => finding.ruleId);
  const severities = (text: string, options: AnalyzeOptions) => analyzer.analyze(text, 'python', options).findings.map((finding) => `${finding.ruleId}:${finding.severity}`);

  it('ignores per file by pattern, and wins over the settings for what it sets', () => {
    const config = configOf('ignore = ["compare-to-none"]\n[per-file-ignores]\n"legacy/*.py" = ["B324"]\n[severity]\nweak-hash = "error"\n');
    const text = 'import hashlib\ndef f(x):\n    if x == None:\n        return hashlib.md5(x)\n';
    const settings: AnalyzeOptions = { ignore: ['weak-hash'], severityOverrides: { 'weak-hash': 'hint' } };
    assert.deepEqual(severities(text, optionsForFile(settings, config, `${root}/app/main.py`)), ['weak-hash:error']);
    assert.deepEqual(ruleIds(text, optionsForFile(settings, config, `${root}/legacy/old.py`)), []);
    // Without a configuration the settings stand.
    assert.deepEqual(severities(text, optionsForFile(settings, undefined, `${root}/app/main.py`)), ['compare-to-none:info']);
  });

  it('extend-select adds an off-by-default rule without dropping the defaults', () => {
    const config = configOf('extend-select = ["assert-used"]\n');
    const text = 'def f(x):\n    assert x\n    if x == None:\n        pass\n';
    assert.deepEqual(ruleIds(text, optionsForFile({}, config, `${root}/a.py`)).sort(), ['assert-used', 'compare-to-none']);
    assert.deepEqual(ruleIds(text, {}), ['compare-to-none']);
  });

  it('select replaces the default set', () => {
    const config = configOf('select = ["assert-used"]\n');
    assert.deepEqual(ruleIds('assert x\nif x == None:\n    pass\n', optionsForFile({}, config, `${root}/a.py`)), ['assert-used']);
  });

  it('thresholds change what is too deep', () => {
    const text = 'def f(a):\n    if a:\n        if a:\n            if a:\n                return 1\n';
    assert.deepEqual(ruleIds(text, optionsForFile({ select: ['too-deep-nesting'] }, configOf('[thresholds]\nnesting = 2\n'), `${root}/a.py`)), ['too-deep-nesting']);
    assert.deepEqual(ruleIds(text, { select: ['too-deep-nesting'] }), []);
  });

  it('test-code marks more files as tests and sets what the demoted rules report there', () => {
    const text = 'password = "hunter2hunter2"\n';
    const at = (path: string) => ({ filePath: `${root}/${path}` });
    const config = configOf('[test-code]\npaths = ["qa/**"]\n');
    assert.deepEqual(severities(text, optionsForFile(at('qa/login.py'), config, `${root}/qa/login.py`)), ['hardcoded-password-assignment:hint']);
    assert.deepEqual(severities(text, optionsForFile(at('app/login.py'), config, `${root}/app/login.py`)), ['hardcoded-password-assignment:warning']);
    const info = configOf('[test-code]\nseverity = "info"\n');
    assert.deepEqual(severities(text, optionsForFile(at('tests/test_login.py'), info, `${root}/tests/test_login.py`)), ['hardcoded-password-assignment:info']);
    const unchanged = configOf('[test-code]\nseverity = "unchanged"\n');
    assert.deepEqual(severities(text, optionsForFile(at('tests/test_login.py'), unchanged, `${root}/tests/test_login.py`)), ['hardcoded-password-assignment:warning']);
  });

  it('excludes by gitignore-style pattern; exclude replaces the built-in folders, extend-exclude adds to them', () => {
    const extend = configOf('extend-exclude = ["build/", "*_pb2.py"]\n');
    assert.ok(isExcluded(extend, `${root}/build`, true));
    assert.ok(isExcluded(extend, `${root}/pkg/api_pb2.py`, false));
    assert.ok(isExcluded(extend, `${root}/pkg/.venv`, true), 'the built-in folders stay excluded');
    assert.ok(!isExcluded(extend, `${root}/pkg/api.py`, false));
    const replace = configOf('exclude = ["generated/"]\n');
    assert.ok(isExcluded(replace, `${root}/a/generated`, true));
    assert.ok(!isExcluded(replace, `${root}/.venv`, true));
    assert.ok(!isExcluded(extend, '/elsewhere/build', true), 'outside its folder a configuration excludes nothing');
  });

  it('taint extensions: the project\'s own source reaches its own sink, and its sanitiser stops it', () => {
    const config = configOf(`[taint]
sources = ["myapp.web.param"]
sanitizers = [{ name = "myapp.safety.clean_sql", safe-for = ["sql-injection"] }]
[taint.sinks]
sql-injection = ["myapp.db.raw"]
command-injection = ["myapp.shell.run"]
`);
    const text = `from myapp.web import param
from myapp.db import raw
from myapp.shell import run
from myapp.safety import clean_sql

def view():
    name = param("name")
    raw("SELECT * FROM t WHERE n = '%s'" % name)
    raw(clean_sql(name))
    run(clean_sql(name))
    run("ls")
`;
    const options = optionsForFile({}, config, `${root}/app/views.py`);
    const findings = analyzer.analyze(text, 'python', options).findings.filter((finding) => finding.category === 'security');
    assert.deepEqual(findings.map((finding) => `${finding.ruleId}:${finding.range.start.line + 1}`), ['sql-injection:8', 'command-injection:10']);
    assert.equal(findings[0].trace?.[0].kind, 'source');
    // Without the configuration the names mean nothing to the taint rules (only the pattern rule sees the % query).
    const taintIds = new Set(['sql-injection', 'command-injection']);
    assert.deepEqual(analyzer.analyze(text, 'python', {}).findings.filter((finding) => taintIds.has(finding.ruleId)), []);
  });
});
