// Flow over small applications, one fixture folder per framework (test/fixtures/python/flow/):
// each file is analyzed as the CLI does (every rule on, with its path, so `views.py` conventions
// and imports of sibling files count), and its taint findings must sit on exactly the lines
// marked `# expect:` for that rule. `# ok:` lines, like every unmarked line, must stay quiet.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Analyzer } from '../../../src/analysis/engine';
import { allRules } from '../../../src/analysis/rules';
import { pythonTaintRules } from '../../../src/analysis/rules/python/taint';
import { expectationsFor, fixtureFiles, fixturesRoot } from '../../support/fixtures';

const flowRoot = join(fixturesRoot, 'python', 'flow');
const taintIds = pythonTaintRules.map((rule) => rule.meta.id);
const knownIds = new Set(allRules().map((rule) => rule.meta.id));

/** 1-based lines per rule id, only for the ids that have any. */
type LinesByRule = Record<string, number[]>;

function markedLines(text: string, marker: 'expected' | 'negative'): LinesByRule {
  const lines: LinesByRule = {};
  for (const id of taintIds) {
    const marked = [...expectationsFor(text, id)[marker]].map((line) => line + 1).sort((a, b) => a - b);
    if (marked.length > 0) lines[id] = marked;
  }
  return lines;
}

function markerIds(text: string): string[] {
  return [...text.matchAll(/#.*\b(?:expect|ok):\s*([a-z0-9\-, ]+)/g)].flatMap((match) => match[1].split(/[,\s]+/).filter(Boolean));
}

describe('flow over framework fixtures', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  for (const folder of readdirSync(flowRoot).sort()) {
    describe(folder, () => {
      const files = fixtureFiles(join(flowRoot, folder), '.py');

      it('has taint cases that must flag and cases that must not, with known rule ids', () => {
        const texts = files.map((file) => readFileSync(file, 'utf8'));
        const count = (marker: 'expected' | 'negative') => texts.reduce((sum, text) => sum + Object.values(markedLines(text, marker)).flat().length, 0);
        assert.ok(count('expected') > 0, 'no `# expect:` line for a taint rule');
        assert.ok(count('negative') > 0, 'no `# ok:` line for a taint rule');
        assert.deepEqual(texts.flatMap(markerIds).filter((id) => !knownIds.has(id)), [], 'unknown rule ids in markers');
      });

      for (const file of files) {
        it(`flags exactly the taint lines marked "expect" in ${relative(flowRoot, file)}`, () => {
          const text = readFileSync(file, 'utf8');
          const result = analyzer.analyze(text, 'python', { filePath: file });
          assert.deepEqual(result.ruleErrors, []);
          assert.equal(result.flow?.skipped, undefined, 'flow was skipped');
          const flagged: LinesByRule = {};
          for (const finding of result.findings) {
            if (!taintIds.includes(finding.ruleId)) continue;
            const lines = (flagged[finding.ruleId] ??= []);
            const line = finding.range.start.line + 1;
            if (!lines.includes(line)) lines.push(line);
          }
          for (const lines of Object.values(flagged)) lines.sort((a, b) => a - b);
          assert.deepEqual(flagged, markedLines(text, 'expected'), 'flagged lines (1-based) per rule differ from the "expect" lines');
        });
      }
    });
  }
});
