// Hostile input for the flow layer: deep nesting, very long chains, huge literals, recursion
// between functions and between modules. Nothing throws, and the flow result is either complete
// (and then it found the path planted in the input) or says that flow was skipped.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analyzer, type AnalysisResult, type AnalyzeOptions } from '../../../src/analysis/engine';

const header = 'import os\nimport sqlite3\nfrom flask import Flask, request\napp = Flask(__name__)\ndb = sqlite3.connect("app.db")\n';

describe('flow robustness', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  /** Analyzes with every rule on; returns whether flow completed (false: it said it was skipped). */
  function analyzeFlow(text: string, options: AnalyzeOptions = {}): { result: AnalysisResult; complete: boolean } {
    const result = analyzer.analyze(text, 'python', { timeBudgetMs: 20000, ...options });
    assert.deepEqual(result.ruleErrors, [], 'a rule or the flow layer threw');
    if (result.skipped) {
      assert.equal(result.skipped.reason, 'timeout');
      return { result, complete: false };
    }
    assert.ok(result.flow, 'flow ran');
    if (result.flow.skipped !== undefined) {
      assert.match(result.flow.skipped, /budget/);
      return { result, complete: false };
    }
    return { result, complete: true };
  }

  function flagged(result: AnalysisResult, ruleId: string): number[] {
    return result.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => finding.range.start.line + 1);
  }

  it('handles statements nested 350 deep (the parser is safe to 380)', () => {
    const depth = 350;
    let text = `${header}@app.route("/deep")\ndef deep():\n    x = request.args.get("x")\n`;
    for (let level = 1; level <= depth; level++) text += `${'    '.repeat(level)}if len(x) > ${level}:\n`;
    text += `${'    '.repeat(depth + 1)}os.system(x)\n`;
    const { result, complete } = analyzeFlow(text);
    // Past the lowering's depth limit the innermost statements are not modelled: no crash, no claim.
    if (complete) assert.ok(flagged(result, 'command-injection').every((line) => line === 8 + depth + 1));
  });

  it('keeps data nested 60 containers deep, and the structure of shallow ones', () => {
    // Below six levels of containers only the data is kept (joins of deeper values, which share
    // parts, cost exponential time walked as trees): the input still reaches the sink.
    const nest = (depth: number) => {
      const lines = ['@app.route("/nest")', 'def nest():', '    d0 = {"k": request.args["x"], "c": "fixed"}'];
      for (let level = 1; level <= depth; level++) lines.push(`    d${level} = {"k": d${level - 1}, "c": "fixed"}`);
      lines.push(`    os.system(d${depth}${'["k"]'.repeat(depth + 1)})`, `    os.system(d${depth}${'["k"]'.repeat(depth)}["c"])`);
      return { text: header + lines.join('\n') + '\n', tainted: 5 + lines.length - 1, constant: 5 + lines.length };
    };
    const deep = nest(60);
    const deepRun = analyzeFlow(deep.text);
    assert.ok(deepRun.complete);
    assert.ok(flagged(deepRun.result, 'command-injection').includes(deep.tainted));
    const shallow = nest(3);
    const shallowRun = analyzeFlow(shallow.text);
    assert.deepEqual(flagged(shallowRun.result, 'command-injection'), [shallow.tainted]);
  });

  it('handles expressions nested 3,000 deep', () => {
    const text = `${header}@app.route("/parens")\ndef parens():\n    value = ${'('.repeat(3000)}request.args["x"]${')'.repeat(3000)}\n    os.system(value)\n`;
    analyzeFlow(text);
  });

  it('follows a chain of 5,000 concatenations', () => {
    const lines = ['@app.route("/chain")', 'def chain():', '    part0 = request.args["x"]'];
    for (let link = 1; link <= 5000; link++) lines.push(`    part${link} = part${link - 1} + "-"`);
    lines.push('    db.execute("SELECT " + part5000)');
    const text = header + lines.join('\n') + '\n';
    const { result, complete } = analyzeFlow(text);
    if (complete) assert.deepEqual(flagged(result, 'sql-injection'), [5 + lines.length]);
  });

  it('handles one expression of 5,000 concatenated terms', () => {
    const terms = Array.from({ length: 5000 }, (_, index) => (index === 2500 ? 'request.args["x"]' : `"t${index}"`));
    const text = `${header}@app.route("/sum")\ndef long_sum():\n    db.execute(${terms.join(' + ')})\n`;
    analyzeFlow(text);
  });

  it('handles a dict literal of 20,000 entries', () => {
    const entries = Array.from({ length: 20000 }, (_, index) => `"k${index}": ${index === 19999 ? 'request.args["x"]' : `"v${index}"`}`);
    const text = `${header}@app.route("/dict")\ndef big_dict():\n    table = {${entries.join(', ')}}\n    db.execute("SELECT " + table["k0"])\n    db.execute("SELECT " + table["k19999"])\n`;
    const { result, complete } = analyzeFlow(text);
    // Past the fields a container keeps, keys are merged: the tainted one must still be seen.
    if (complete) assert.ok(flagged(result, 'sql-injection').includes(10));
  });

  it('handles functions that call each other without end', () => {
    const text = `${header}
def ping(value, depth):
    return pong(value + "i", depth + 1)

def pong(value, depth):
    if depth > 10:
        return value
    return ping(value, depth)

def itself(value):
    return itself(value)

@app.route("/recursive")
def recursive():
    name = request.args["x"]
    db.execute("SELECT " + ping(name, 0))
    db.execute("SELECT " + itself(name))
`;
    const { result, complete } = analyzeFlow(text);
    if (complete) assert.ok(flagged(result, 'sql-injection').length >= 1);
  });

  it('handles methods that reach themselves again through super()', () => {
    const text = `${header}from django import forms

class Base(forms.Form):
    pass

class UserCredential(Base):
    def clean(self):
        data = super(UserCredential, self).clean()
        return data

class Federated(UserCredential):
    def clean(self):
        data = super(Federated, self).clean()
        os.system(data["username"])
        return data
`;
    analyzeFlow(text);
  });

  it('handles modules that import each other', () => {
    const folder = mkdtempSync(join(tmpdir(), 'llama-review-flow-'));
    try {
      writeFileSync(join(folder, 'first.py'), 'from second import relay\n\n\ndef bounce(value):\n    return relay(value)\n');
      writeFileSync(join(folder, 'second.py'), 'import os\n\nfrom first import bounce\n\n\ndef relay(value):\n    os.system(value)\n    return bounce(value)\n');
      const app = join(folder, 'app.py');
      const text = `${header}from first import bounce\n\n@app.route("/bounce")\ndef view():\n    bounce(request.args["x"])\n`;
      writeFileSync(app, text);
      const { result, complete } = analyzeFlow(text, { filePath: app });
      if (complete) assert.deepEqual(flagged(result, 'command-injection'), [10]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('says flow was skipped when it runs past its budget', () => {
    const lines = ['@app.route("/slow")', 'def slow():', '    value = request.args["x"]'];
    for (let index = 0; index < 3000; index++) lines.push(`    value = value.strip() + "${index}"`);
    const { result, complete } = analyzeFlow(header + lines.join('\n') + '\n', { timeBudgetMs: 1 });
    assert.equal(complete, false, 'a 1 ms budget cannot cover this file');
    assert.ok(result.skipped || result.flow?.skipped);
  });
});
