// The rule pages' examples come from the fixtures: the generated module must match them, and
// every rule gets a short flagged case with its fixed form or a case that is not flagged.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../../src/analysis/rules';
import { ruleExample } from '../../../src/analysis/rules/ruleExamples';
import { repositoryRoot } from '../../support/fixtures';

const maxLines = 8;

describe('rule examples', () => {
  it('are current with the fixtures (run `npm run rule-examples` to regenerate)', () => {
    const check = spawnSync(process.execPath, [join(repositoryRoot, 'scripts', 'update-rule-examples.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
  });

  for (const { meta } of allRules()) {
    it(`${meta.id}: a flagged case of at most ${maxLines} lines, from its fixture, with a fixed or a not-flagged case`, () => {
      const example = ruleExample(meta.id);
      assert.ok(example, `no example for ${meta.id}`);
      assert.ok(meta.languages.includes(example.language), `example in ${example.language}`);
      assert.ok(existsSync(join(repositoryRoot, example.fixture)), `${example.fixture} does not exist`);
      assert.match(example.flagged, /(#|\{#) flagged/, 'no line of the flagged case says it is flagged');
      const second = example.fixed ?? example.notFlagged;
      assert.ok(second, 'neither a fixed nor a not-flagged case');
      assert.ok(!(example.fixed && example.notFlagged), 'both a fixed and a not-flagged case');
      for (const snippet of [example.flagged, second]) {
        assert.ok(snippet.split('\n').length <= maxLines, `over ${maxLines} lines:\n${snippet}`);
        assert.doesNotMatch(snippet, /\b(expect|ok):/, `a fixture marker is left in:\n${snippet}`);
      }
      // Every line shown is a line of the fixture (or of its golden file), markers aside.
      const sources = [example.fixture, example.fixture.replace(/(\.\w+)$/, '.fixed$1')].filter((path) => existsSync(join(repositoryRoot, path)));
      const known = new Set(sources.flatMap((path) => readFileSync(join(repositoryRoot, path), 'utf8').split('\n').map((line) => line.replace(/\s*(\{#|#)\s*(expect|ok):.*$/, '').trim())));
      const shown = [example.flagged, example.fixed ?? ''].join('\n').split('\n').map((line) => line.replace(/\s*(\{#|#) flagged( #\})?$/, '').trim());
      for (const line of shown) if (line && !/^(\.\.\.|\{# \.\.\. #\})$/.test(line)) assert.ok(known.has(line), `"${line}" is not in ${sources.join(' or ')}`);
    });
  }

  it('shows the fix where the golden file changes the flagged case', () => {
    const example = ruleExample('request-without-timeout');
    assert.equal(example?.flagged, 'response = requests.get(url)  # flagged');
    assert.equal(example?.fixed, 'response = requests.get(url, timeout=10)');
  });

  it('keeps the headers a case needs and cuts a long body to an indented `...`', () => {
    const example = ruleExample('too-deep-nesting')!;
    const lines = example.flagged.split('\n');
    assert.equal(lines.length, maxLines);
    assert.match(lines[0], /^def \w+\(/);
    const headers = ruleExample('header-injection')!.flagged.split('\n');
    assert.deepEqual(headers.slice(0, 2), ['class Handler(BaseHTTPRequestHandler):', '    def do_GET(self):']);
    assert.match(ruleExample('cyclomatic-complexity')!.flagged, /\n {8}\.\.\.$/);
  });
});
