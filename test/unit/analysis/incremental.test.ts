// Incremental reparsing: a document analyzed again under its cache key reuses its previous tree.
// Whatever the edit, the findings must equal those of a fresh parse of the new text, taint
// findings and their paths included.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer, type AnalysisResult } from '../../../src/analysis/engine';
import { pythonTaintRules } from '../../../src/analysis/rules/python/taint';
import { editBetween, pointAt } from '../../../src/analysis/textDiff';
import { repositoryRoot } from '../../support/fixtures';

/** A small deterministic generator, so a failure names an edit that can be replayed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const taintIds = new Set(pythonTaintRules.map((rule) => rule.meta.id));

const insertions = ['x', '\n', '    ', 'eval(data)\n', 'password = "hunter2"\n', '(', '"""', '# noqa\n', 'é', '😀', 'def f(:\n', ''];

/** Edits that move untrusted data around a web app: new sources, sinks, overwrites, checks. */
const webInsertions = [
  ...insertions,
  'request.args.get("q")',
  '\n    db.execute("SELECT " + name)\n',
  '\n    name = "constant"\n',
  '\n    if not name.isdigit():\n        abort(400)\n',
  ' + request.form["x"]',
  '\n    return "<p>" + name + "</p>"\n',
];

function randomEdit(text: string, random: () => number, choices: readonly string[] = insertions): string {
  const start = Math.floor(random() * (text.length + 1));
  const end = Math.min(text.length, start + Math.floor(random() * 40));
  return text.slice(0, start) + choices[Math.floor(random() * choices.length)] + text.slice(end);
}

describe('incremental analysis', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  describe('editBetween', () => {
    it('finds the changed span and its points in both texts', () => {
      const edit = editBetween('a = 1\nb = 2\n', 'a = 1\nbee = 2\n')!;
      assert.deepEqual(
        [edit.startIndex, edit.oldEndIndex, edit.newEndIndex, edit.startPosition, edit.oldEndPosition, edit.newEndPosition],
        [7, 7, 9, { row: 1, column: 1 }, { row: 1, column: 1 }, { row: 1, column: 3 }],
      );
      assert.equal(editBetween('same', 'same'), undefined);
    });

    it('never splits a surrogate pair', () => {
      const edit = editBetween('x = "😀"', 'x = "😁"')!;
      assert.equal(edit.startIndex, 5); // the pair starts at 5; only its low half differs
      assert.equal(edit.oldEndIndex, 7);
    });

    it('counts rows and UTF-16 columns', () => {
      assert.deepEqual(pointAt('ab\ncd😀e', 8), { row: 1, column: 5 });
      assert.deepEqual(pointAt('', 0), { row: 0, column: 0 });
    });
  });

  it('gives the same findings as a fresh parse after any sequence of edits', () => {
    const folder = join(repositoryRoot, 'test', 'fixtures', 'python', 'rules');
    // The fixtures themselves, not their golden `.fixed.py` twins.
    const files = readdirSync(folder).filter((name) => name.endsWith('.py') && !name.endsWith('.fixed.py')).sort().slice(0, 12);
    for (const [fileIndex, name] of files.entries()) {
      const random = generator(fileIndex + 1);
      let text = readFileSync(join(folder, name), 'utf8');
      const key = `incremental:${name}`;
      analyzer.analyze(text, 'python', { cacheKey: key });
      for (let step = 0; step < 15; step++) {
        text = randomEdit(text, random);
        const incremental = analyzer.analyze(text, 'python', { cacheKey: key });
        const fresh = analyzer.analyze(text, 'python');
        assert.deepEqual(incremental.findings, fresh.findings, `${name}, edit ${step + 1}`);
        assert.equal(incremental.hasSyntaxErrors, fresh.hasSyntaxErrors, `${name}, edit ${step + 1}`);
      }
      analyzer.forget(key);
    }
  });

  it('gives the same taint findings and paths as a fresh parse after edits to a web app', () => {
    const folder = join(repositoryRoot, 'test', 'fixtures', 'python', 'flow');
    const seed = ['flask/app.py', 'hard-cases/containers.py', 'hard-cases/objects.py'].map((name) => readFileSync(join(folder, name), 'utf8')).join('\n');
    const taint = (result: AnalysisResult) => result.findings.filter((finding) => taintIds.has(finding.ruleId));
    const random = generator(97);
    const key = 'incremental:web-app';
    let text = seed;
    assert.ok(taint(analyzer.analyze(text, 'python', { cacheKey: key })).length > 10, 'the seed has taint findings to compare');
    for (let step = 0; step < 25; step++) {
      text = randomEdit(text, random, webInsertions);
      const incremental = analyzer.analyze(text, 'python', { cacheKey: key });
      const fresh = analyzer.analyze(text, 'python');
      assert.deepEqual(taint(incremental), taint(fresh), `edit ${step + 1}`);
      assert.deepEqual(incremental.flow, fresh.flow, `edit ${step + 1}`);
    }
    analyzer.forget(key);
  });
});
