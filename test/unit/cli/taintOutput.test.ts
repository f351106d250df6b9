// How taint findings come out of the CLI: the path under the finding in text, `trace` in JSON,
// codeFlows in SARIF, steps in another file of the project, and suppressions that still hold.
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as cli } from '../../support/runCli';

const view = `from flask import Flask, request
from helpers.shell import run

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.args.get("host")
    run("ping -c 1 " + host)
    return "ok"


@app.route("/user")
def user(db):
    name = request.args["name"]
    db.execute("SELECT * FROM users WHERE name = '%s'" % name)  # nosec B608
    return "ok"
`;

const helper = `import os


def run(command):
    os.system(command)
`;

interface JsonRow {
  file: string;
  line: number;
  ruleId: string;
  trace?: { file: string; line: number; column: number; kind: string; label: string }[];
}

describe('taint findings in the CLI', () => {
  let project: string;

  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'llama-review-taint-'));
    mkdirSync(join(project, '.git'));
    mkdirSync(join(project, 'helpers'));
    writeFileSync(join(project, 'app.py'), view);
    writeFileSync(join(project, 'helpers', '__init__.py'), '');
    writeFileSync(join(project, 'helpers', 'shell.py'), helper);
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('follows the call into the other file and reports it at the call, with every step in JSON', async () => {
    const { stdout } = await cli(['check', '--format', 'json', '--select', 'command-injection'], project);
    const rows = JSON.parse(stdout) as JsonRow[];
    const finding = rows.find((row) => row.ruleId === 'command-injection' && row.file === 'app.py');
    assert.ok(finding, stdout);
    assert.equal(finding.line, 10);
    const steps = finding.trace!;
    assert.deepEqual(
      steps.map((step) => [step.file, step.line, step.kind]),
      [
        ['app.py', 9, 'source'],
        ['app.py', 9, 'step'],
        ['app.py', 10, 'call'],
        ['helpers/shell.py', 5, 'sink'],
      ],
    );
    assert.match(steps[0].label, /request\.args/);
    assert.match(steps[2].label, /run\(\).*command/);
  });

  it('prints the path under the finding in text', async () => {
    const { stdout } = await cli(['check', '--select', 'command-injection'], project);
    const lines = stdout.split('\n');
    const at = lines.findIndex((line) => line.startsWith('app.py:10:5: error command-injection'));
    assert.ok(at >= 0, stdout);
    assert.match(lines[at + 1], /^ {4}9:\d+ user input `request\.args`/);
    assert.match(lines[at + 4], /^ {4}helpers\/shell\.py:5:5 reaches `os\.system\(\)`/);
  });

  it('writes a SARIF code flow with one location per step, in order', async () => {
    const { stdout } = await cli(['check', '--format', 'sarif', '--select', 'command-injection'], project);
    const run = JSON.parse(stdout).runs[0];
    const result = run.results.find((entry: { ruleId: string }) => entry.ruleId === 'command-injection');
    const locations = result.codeFlows[0].threadFlows[0].locations;
    assert.deepEqual(
      locations.map((entry: { location: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }; executionOrder: number }) => [
        entry.location.physicalLocation.artifactLocation.uri,
        entry.location.physicalLocation.region.startLine,
        entry.executionOrder,
      ]),
      [
        ['app.py', 9, 1],
        ['app.py', 9, 2],
        ['app.py', 10, 3],
        ['helpers/shell.py', 5, 4],
      ],
    );
    assert.deepEqual(locations[0].kinds, ['taint', 'source']);
    assert.ok(run.tool.driver.rules.some((rule: { id: string; properties: { tags: string[] } }) => rule.id === 'command-injection' && rule.properties.tags.includes('external/cwe/cwe-78')));
  });

  it('keeps a Bandit suppression of the pattern finding for the taint finding that replaces it', async () => {
    const { stdout } = await cli(['check', '--format', 'json'], project);
    const rows = JSON.parse(stdout) as JsonRow[];
    assert.ok(!rows.some((row) => row.line === 17), `line 17 is suppressed with # nosec B608:\n${stdout}`);
    assert.ok(rows.some((row) => row.ruleId === 'command-injection'));
  });
});
