// The paths taint findings show, step by step: where the data came from, each assignment, store,
// call and return on the way, and the sink, with 1-based lines (and the file, for steps in
// another file of the project).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Analyzer } from '../../../src/analysis/engine';
import type { Finding } from '../../../src/analysis/finding';
import { fixturesRoot } from '../../support/fixtures';

/** `line kind label`, with `file:` before the line for a step in another file. */
function stepsOf(finding: Finding): string[] {
  return (finding.trace ?? []).map((step) => `${step.file ? `${basename(step.file)}:` : ''}${step.range.start.line + 1} ${step.kind} ${step.label}`);
}

const flaskHeader = 'import sqlite3\nfrom flask import Flask, request\napp = Flask(__name__)\ndb = sqlite3.connect("app.db")\n';

describe('flow traces', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  /** The one finding of `ruleId` on `line` (1-based). */
  function findingAt(text: string, ruleId: string, line: number, filePath?: string): Finding {
    const result = analyzer.analyze(text, 'python', { filePath });
    assert.deepEqual(result.ruleErrors, []);
    const found = result.findings.filter((finding) => finding.ruleId === ruleId && finding.range.start.line + 1 === line);
    assert.equal(found.length, 1, `one ${ruleId} finding on line ${line}; all: ${result.findings.map((f) => `${f.ruleId}:${f.range.start.line + 1}`).join(', ')}`);
    return found[0];
  }

  it('follows a list through append and pop to the position that holds the input', () => {
    const text = `${flaskHeader}
@app.route("/list")
def listing():
    param = request.args.get("p")
    values = []
    values.append("safe")
    values.append(param)
    values.append("moresafe")
    values.pop(0)
    bar = values[0]
    db.execute("SELECT '" + bar + "'")
`;
    assert.deepEqual(stepsOf(findingAt(text, 'sql-injection', 15)), [
      '8 source user input `request.args`',
      '8 step assigned to `param`',
      '11 step stored in `values`',
      '14 step assigned to `bar`',
      '15 sink reaches `db.execute()`',
    ]);
  });

  it('takes the else branch of a conditional whose condition folds to False', () => {
    const text = `${flaskHeader}
@app.route("/conditional")
def conditional():
    user_input = request.args.get("u")
    chosen = "fixed" if 4 * 3 > 100 else user_input
    db.execute("SELECT '" + chosen + "'")
`;
    assert.deepEqual(stepsOf(findingAt(text, 'sql-injection', 10)), [
      '8 source user input `request.args`',
      '8 step assigned to `user_input`',
      '9 step assigned to `chosen`',
      '10 sink reaches `db.execute()`',
    ]);
  });

  it('names the dict key the input was stored under', () => {
    const text = `${flaskHeader}
@app.route("/dict")
def dictionary():
    mapping = {}
    mapping["a"] = "fixed"
    mapping["b"] = request.form["b"]
    db.execute("SELECT '" + mapping["a"] + "'")
    db.execute(f"SELECT '{mapping['b']}'")
`;
    assert.deepEqual(stepsOf(findingAt(text, 'sql-injection', 12)), [
      '10 source user input `request.form`',
      '10 step stored in `mapping["b"]`',
      '12 sink reaches `db.execute()`',
    ]);
  });

  it('follows a field set in one method to its use in another', () => {
    const text = `${flaskHeader}
class Filters:
    def load(self):
        self.order = request.args.get("order")

    def apply(self):
        db.execute("SELECT * FROM t ORDER BY " + self.order)
`;
    assert.deepEqual(stepsOf(findingAt(text, 'sql-injection', 11)), [
      '8 source user input `request.args`',
      '8 step stored in `self.order`',
      '11 sink reaches `db.execute()`',
    ]);
  });

  it('follows a request object kept by a constructor into the methods that read it', () => {
    const text = `${flaskHeader}
class Search:
    def __init__(self, req):
        self.req = req

    def term(self):
        return self.req.args.get("q")

    def run(self):
        db.execute("SELECT * FROM t WHERE v = '" + self.term() + "'")

@app.route("/search")
def search():
    Search(request).run()
`;
    assert.deepEqual(stepsOf(findingAt(text, 'sql-injection', 14)), [
      '18 source user input `request.args`',
      '18 call `run()` called on it',
      '14 call `term()` called on it',
      '14 return returned by `term()`',
      '14 sink reaches `db.execute()`',
    ]);
  });

  it('runs a closure with the variables of the function around it', () => {
    const text = `${flaskHeader}
@app.route("/closure")
def closure():
    name = request.args.get("name")

    def quoted():
        return "'" + name + "'"

    db.execute("SELECT " + quoted())
`;
    assert.deepEqual(stepsOf(findingAt(text, 'sql-injection', 13)), [
      '8 source user input `request.args`',
      '8 step assigned to `name`',
      '13 return returned by `quoted()`',
      '13 sink reaches `db.execute()`',
    ]);
  });

  it('starts the path in a helper that returns request data', () => {
    const text = `${flaskHeader}
def current_search():
    return request.args.get("search", "")

@app.route("/search")
def search():
    term = current_search()
    return "<p>" + term + "</p>"
`;
    assert.deepEqual(stepsOf(findingAt(text, 'xss', 12)), [
      '7 source user input `request.args`',
      '11 return returned by `current_search()`',
      '11 step assigned to `term`',
      '12 sink reaches the response of `search()`',
    ]);
  });

  it('binds a walrus target and iterates a loop variable', () => {
    const text = `${flaskHeader}
@app.route("/walrus")
def walrus():
    if (name := request.args.get("name")) is not None:
        for part in name.split(","):
            db.execute("SELECT '" + part + "'")
`;
    assert.deepEqual(stepsOf(findingAt(text, 'sql-injection', 10)), [
      '8 source user input `request.args`',
      '8 step assigned to `name`',
      '9 step iterated over by `part`',
      '10 sink reaches `db.execute()`',
    ]);
  });

  it('follows a FastAPI dependency into the parameter it fills', () => {
    const text = `import sqlite3
from fastapi import Depends, FastAPI, Request
app = FastAPI()
db = sqlite3.connect("app.db")

def forwarded_host(request: Request):
    return request.headers.get("X-Forwarded-Host")

@app.get("/host")
def host(value: str = Depends(forwarded_host)):
    db.execute("INSERT INTO hosts VALUES ('%s')" % value)
`;
    assert.deepEqual(stepsOf(findingAt(text, 'sql-injection', 11)), [
      '7 source user input `request.headers`',
      '10 return returned by `forwarded_host()`',
      '11 sink reaches `db.execute()`',
    ]);
  });

  describe('across the files of a project', () => {
    const app = join(fixturesRoot, 'python', 'flow', 'project', 'app.py');
    const text = readFileSync(app, 'utf8');

    it('goes through a helper in another file to a sink in a third', () => {
      assert.deepEqual(stepsOf(findingAt(text, 'sql-injection', 19, app)), [
        '18 source user input `request.args`',
        '18 step assigned to `column`',
        '19 call passed to `build_query()` as `column`',
        '19 return returned by `build_query()`',
        '19 call passed to `run_query()` as `sql`',
        '__init__.py:7 sink reaches `connection.execute()`',
      ]);
    });

    it('starts in another file when a helper there reads the request', () => {
      assert.deepEqual(stepsOf(findingAt(text, 'sql-injection', 27, app)), [
        'helpers.py:15 source user input `request.args`',
        '26 return returned by `requested_name()`',
        '26 step assigned to `value`',
        '27 call passed to `run_query()` as `sql`',
        '__init__.py:7 sink reaches `connection.execute()`',
      ]);
    });

    it('says where in the other file the sink is', () => {
      const finding = findingAt(text, 'path-traversal', 49, app);
      assert.match(finding.message, /reaches `open\(\)` in files\.py:5, through `read_under\(\)`/);
      assert.equal(finding.trace?.at(-1)?.file, join(fixturesRoot, 'python', 'flow', 'project', 'storage', 'files.py'));
    });
  });
});
