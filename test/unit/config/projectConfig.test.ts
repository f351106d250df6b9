// Reading a project configuration: every key, and the problems a bad file gives (file, line, key),
// with the rest of the file still applied.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeProblem, parseProjectConfig, type ConfigFileKind } from '../../../src/analysis/config/projectConfig';
import { repositoryRoot } from '../../support/fixtures';

function parse(text: string, kind: ConfigFileKind = 'standalone') {
  return parseProjectConfig(text, '/repo/llama-review.toml', '/repo', kind);
}

describe('project configuration file', () => {
  it('reads every key', () => {
    const { config, problems } = parse(`
select = ["security", "S6"]
ignore = ["B101"]
extend-select = ["assert-used"]
exclude = ["vendor/"]
extend-exclude = ["build/", "*_pb2.py"]

[per-file-ignores]
"tests/**" = ["S105", "hardcoded-password-argument"]

[severity]
eval-used = "error"
S602 = "off"

[thresholds]
complexity = 15
nesting = 6

[test-code]
paths = ["qa/**", "*_spec.py"]
severity = "info"

[taint]
sources = ["myapp.http.current_params"]
sanitizers = ["myapp.safety.clean", { name = "myapp.sql.quote", safe-for = ["sql-injection"] }]

[taint.sinks]
sql-injection = ["myapp.db.raw"]
command-injection = ["myapp.shell.run", "myapp.shell.spawn"]
`);
    assert.deepEqual(problems, []);
    assert.ok(config);
    assert.deepEqual(config.select, ['security', 'S6']);
    assert.deepEqual(config.ignore, ['B101']);
    assert.deepEqual(config.extendSelect, ['assert-used']);
    assert.deepEqual(config.exclude, ['vendor/']);
    assert.deepEqual(config.extendExclude, ['build/', '*_pb2.py']);
    assert.deepEqual(config.perFileIgnores, [{ pattern: 'tests/**', codes: ['S105', 'hardcoded-password-argument'] }]);
    // Aliases name their rules: S602 is subprocess-shell-true.
    assert.equal(config.severity['eval-used'], 'error');
    assert.equal(config.severity['subprocess-shell-true'], 'off');
    assert.deepEqual(config.thresholds, { complexity: 15, nesting: 6 });
    assert.deepEqual(config.testCode, { paths: ['qa/**', '*_spec.py'], severity: 'info' });
    assert.deepEqual(config.taint, {
      sources: ['myapp.http.current_params'],
      sanitizers: [
        { name: 'myapp.safety.clean', safeFor: 'all' },
        { name: 'myapp.sql.quote', safeFor: ['sql-injection'] },
      ],
      sinks: [
        { kind: 'sql-injection', name: 'myapp.db.raw' },
        { kind: 'command-injection', name: 'myapp.shell.run' },
        { kind: 'command-injection', name: 'myapp.shell.spawn' },
      ],
    });
  });

  it('reads pyproject.toml only under [tool.llama-review], and skips one without the table', () => {
    const withTable = parse('[project]\nname = "x"\n\n[tool.ruff]\nselect = ["E"]\n\n[tool.llama-review]\nignore = ["compare-to-none"]\n', 'pyproject');
    assert.deepEqual(withTable.config?.ignore, ['compare-to-none']);
    assert.equal(withTable.config?.select, undefined, "another tool's select is not ours");
    const without = parse('[project]\nname = "x"\n[tool.ruff]\nselect = ["E"]\n', 'pyproject');
    assert.equal(without.config, undefined);
    assert.deepEqual(without.problems, []);
    // A broken pyproject.toml that never mentions us is someone else's problem.
    assert.deepEqual(parse('[project\nname = ', 'pyproject'), { problems: [] });
  });

  it('names the file, line and key of each problem, and keeps every good key', () => {
    const { config, problems } = parse(`select = ["security"]
colour = "blue"
ignore = ["S999", "B101", 7]
[severity]
eval-used = "loud"
compare-to-none = "off"
[thresholds]
complexity = 0
depth = 3
[test-code]
severity = "quiet"
[taint.sinks]
made-up-injection = ["x.y"]
sql-injection = ["not a name"]
`);
    assert.ok(config);
    assert.deepEqual(config.select, ['security']);
    assert.deepEqual(config.ignore, ['B101']);
    assert.deepEqual(config.severity, { 'compare-to-none': 'off' });
    assert.deepEqual(config.thresholds, {});
    const lines = problems.map((problem) => [problem.line, problem.key]);
    assert.deepEqual(lines, [
      [2, 'colour'],
      [3, 'ignore.2'],
      [3, 'ignore.0'],
      [5, 'severity.eval-used'],
      [8, 'thresholds.complexity'],
      [9, 'thresholds.depth'],
      [11, 'test-code.severity'],
      [13, 'taint.sinks.made-up-injection'],
      [14, 'taint.sinks.sql-injection.0'],
    ]);
    assert.ok(problems.every((problem) => problem.file === '/repo/llama-review.toml'));
    assert.match(describeProblem(problems[2], 'llama-review.toml'), /^llama-review\.toml:3: ignore\.0: "S999" names no rule/);
    assert.match(problems[0].message, /unknown key; the keys here are select, ignore/);
  });

  it('gives a pyproject problem the table it is in', () => {
    const { problems } = parse('[tool.llama-review]\nselct = ["S"]\n', 'pyproject');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].key, '[tool.llama-review] selct');
    assert.equal(problems[0].line, 2);
  });

  it('reports a syntax error at its line and falls back to the defaults', () => {
    const { config, problems } = parse('select = ["security"]\nignore = ["B101"\n');
    assert.ok(config, 'still a configuration file: its folder is configured (with the defaults)');
    assert.equal(config.select, undefined);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].key, '');
    assert.ok(problems[0].line >= 2, `line ${problems[0].line}`);
    assert.match(problems[0].message, /not valid TOML/);
  });

  it('rejects patterns that climb out of the configuration folder', () => {
    const { config, problems } = parse('extend-exclude = ["../other", "ok/"]\n');
    assert.deepEqual(config?.extendExclude, ['ok/']);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /climbs out/);
  });

  it('rejects a table where a list belongs, and values of the wrong type', () => {
    const { problems } = parse('select = "security"\nper-file-ignores = ["x"]\n[test-code]\npaths = "tests"\n');
    assert.deepEqual(problems.map((problem) => problem.key), ['select', 'per-file-ignores', 'test-code.paths']);
  });
});

describe('the README configuration example', () => {
  it('reads without a problem', () => {
    const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
    const example = /```toml\n(\[tool\.llama-review\][\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(example, 'the README shows a [tool.llama-review] example');
    const { config, problems } = parseProjectConfig(example, '/repo/pyproject.toml', '/repo', 'pyproject');
    assert.deepEqual(problems, []);
    assert.ok(config?.taint && config.taint.sinks.length > 0);
  });
});
