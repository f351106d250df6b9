// `--format github` (and its alias `--output-format`): GitHub Actions workflow commands, one per
// finding, escaped as the runner reads them.
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding, Severity } from '../../../src/analysis/finding';
import { formatGithub } from '../../../src/cli/formats/github';
import { runCli as cli } from '../../support/runCli';

function finding(ruleId: string, severity: Severity, message: string, line: number): Finding {
  return {
    ruleId,
    aliases: [],
    category: 'security',
    severity,
    confidence: 'high',
    message,
    range: { start: { line, column: 4 }, end: { line: line + 1, column: 2 } },
    source: 'parse',
  };
}

describe('the github output format', () => {
  it('writes one workflow command per finding, with the level from the severity', () => {
    const output = formatGithub([
      {
        path: 'pkg/app.py',
        findings: [finding('eval-used', 'error', 'plain', 0), finding('b', 'warning', 'w', 1), finding('c', 'info', 'i', 2), finding('d', 'hint', 'h', 3)],
      },
    ]);
    assert.equal(
      output,
      [
        '::error file=pkg/app.py,line=1,col=5,endLine=2,endColumn=3,title=eval-used::plain',
        '::warning file=pkg/app.py,line=2,col=5,endLine=3,endColumn=3,title=b::w',
        '::notice file=pkg/app.py,line=3,col=5,endLine=4,endColumn=3,title=c::i',
        '::notice file=pkg/app.py,line=4,col=5,endLine=5,endColumn=3,title=d::h',
        '',
      ].join('\n'),
    );
  });

  it('escapes messages as data and paths as properties', () => {
    const output = formatGithub([{ path: 'a,b:c%d.py', findings: [finding('eval-used', 'warning', 'first line\nsecond, with: 100%\r\n', 5)] }]);
    assert.equal(output, '::warning file=a%2Cb%3Ac%25d.py,line=6,col=5,endLine=7,endColumn=3,title=eval-used::first line%0Asecond, with: 100%25%0D%0A\n');
  });

  it('writes a warning for a skipped file', () => {
    const output = formatGithub([{ path: 'big.py', findings: [], skipped: 'Skipped: the file is 3.0 MB, over the 2.0 MB analysis limit.', skipReason: 'too-large' }]);
    assert.equal(output, '::warning file=big.py,title=skipped/too-large::Skipped: the file is 3.0 MB, over the 2.0 MB analysis limit.\n');
  });
});

describe('llama-review check --format github / --output-format', () => {
  let project: string;
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'llama-review-github-'));
    mkdirSync(join(project, '.git'));
    writeFileSync(join(project, 'app, v2.py'), 'eval(data)\n');
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('writes annotations for a real file, with --format or --output-format', async () => {
    const viaFormat = await cli(['check', '--format', 'github', '--select', 'eval-used'], project);
    assert.equal(viaFormat.code, 1);
    assert.match(viaFormat.stdout, /^::warning file=app%2C v2\.py,line=1,col=1,endLine=1,endColumn=11,title=eval-used::`eval\(\)` runs/);
    assert.equal(viaFormat.stdout.split('\n').filter(Boolean).length, 1);
    const viaAlias = await cli(['check', '--output-format=github', '--select', 'eval-used'], project);
    assert.equal(viaAlias.stdout, viaFormat.stdout);
  });

  it('accepts both options when they agree, and rejects them when they do not', async () => {
    const agreeing = await cli(['check', '--format', 'json', '--output-format', 'json'], project);
    assert.equal(agreeing.code, 1);
    assert.ok(Array.isArray(JSON.parse(agreeing.stdout)));
    const disagreeing = await cli(['check', '--format', 'json', '--output-format', 'github'], project);
    assert.equal(disagreeing.code, 2);
    assert.match(disagreeing.stderr, /--format json and --output-format github disagree/);
    assert.equal(disagreeing.stdout, '');
  });
});
