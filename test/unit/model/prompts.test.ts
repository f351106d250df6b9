import * as assert from 'node:assert/strict';
import type { Finding } from '../../../src/analysis/finding';
import { ruleMeta } from '../../../src/analysis/rules';
import { validateJson } from '../../../src/model/jsonSchema';
import { chatSystemPrompt, conversationPrompt, explainPrompt, fixPrompt, numberedLines, reviewerRole, reviewPrompt, reviewPromptTokenBudget } from '../../../src/model/prompts';
import { reviewAnswerSchema } from '../../../src/model/reviewAnswer';
import { reviewKindNames } from '../../../src/model/reviewKinds';
import { deleteUserSpan, reviewSample } from '../../support/reviewSample';

const source = ['import os', '', 'def handler(request):', '    data = request.args["q"]', '    return eval(data)', '', 'print("done")'].join('\n');

const finding: Finding = {
  ruleId: 'eval-used',
  aliases: ['B307', 'S307'],
  category: 'security',
  severity: 'warning',
  confidence: 'high',
  cwe: 95,
  message: 'eval() runs arbitrary code; never pass it input you do not control.',
  range: { start: { line: 4, column: 11 }, end: { line: 4, column: 21 } },
  source: 'parse',
};

describe('model prompts', () => {
  it('numbers lines as editors do and marks the flagged one', () => {
    assert.equal(numberedLines(source, { startLine: 2, endLine: 4 }, new Set([4])), ' 3 | def handler(request):\n 4 |     data = request.args["q"]\n>5 |     return eval(data)');
  });

  it('grounds an explanation in the rule, its CWE and the exact lines of the function', () => {
    const rule = ruleMeta('eval-used');
    const parts = explainPrompt({ fileName: 'app.py', text: source, finding, rule, span: { startLine: 2, endLine: 4 } });
    assert.equal(parts.task, 'explain');
    assert.ok(parts.prompt.includes('CWE-95'));
    assert.ok(parts.prompt.includes(rule!.why));
    assert.ok(parts.prompt.includes(rule!.doInstead));
    assert.ok(parts.prompt.includes('>5 |     return eval(data)'));
    assert.ok(!parts.prompt.includes('print("done")'), 'only the enclosing function is shown');
    assert.ok(parts.prompt.includes('Why was line 5 flagged'));
    assert.equal(parts.complex, false);
    assert.ok(parts.promptTokens > 0);
  });

  it('gives a taint finding\'s whole path, step by step with its lines, and shows path lines outside the function', () => {
    const text = ['from flask import request', 'ID = request.args["id"]', '', 'def handler(db):', '    query = "SELECT %s" % ID', '    db.execute(query)'].join('\n');
    const taint: Finding = {
      ...finding,
      ruleId: 'sql-injection',
      aliases: [],
      cwe: 89,
      message: 'User input `request.args` (line 2) reaches `db.execute()`.',
      range: { start: { line: 5, column: 4 }, end: { line: 5, column: 21 } },
      trace: [
        { range: { start: { line: 1, column: 5 }, end: { line: 1, column: 17 } }, label: 'user input `request.args`', kind: 'source' },
        { range: { start: { line: 4, column: 4 }, end: { line: 4, column: 28 } }, label: 'assigned to `query`', kind: 'step' },
        { range: { start: { line: 11, column: 4 }, end: { line: 11, column: 20 } }, label: 'reaches `run()`', kind: 'sink', file: '/project/helpers/db.py' },
      ],
    };
    const parts = explainPrompt({ fileName: 'app.py', text, finding: taint, rule: ruleMeta('sql-injection'), span: { startLine: 3, endLine: 5 } });
    assert.ok(parts.prompt.includes('  1. line 2: user input `request.args`'), parts.prompt);
    assert.ok(parts.prompt.includes('  2. line 5: assigned to `query`'));
    assert.ok(parts.prompt.includes('  3. db.py line 12: reaches `run()`'));
    assert.ok(parts.prompt.includes('>5 |     query = "SELECT %s" % ID'), 'a path line inside the span is marked');
    assert.ok(parts.prompt.includes('Other lines on that path:\n>2 | ID = request.args["id"]'), 'the source line outside the span is shown');
    const fix = fixPrompt({ fileName: 'app.py', text, finding: taint, rule: ruleMeta('sql-injection'), span: { startLine: 3, endLine: 5 } });
    assert.ok(fix.prompt.includes('Path of the untrusted data'));
  });

  it('counts a long function as complex', () => {
    const long = Array.from({ length: 80 }, (_, index) => `    x${index} = ${index}`).join('\n');
    const parts = fixPrompt({ fileName: 'big.py', text: `def big():\n${long}`, finding: { ...finding, range: { start: { line: 1, column: 4 }, end: { line: 1, column: 6 } } }, span: { startLine: 0, endLine: 80 } });
    assert.equal(parts.complex, true);
  });

  it('asks for a security review of the span with numbered lines, kinds and evidence, and an answer schema it validates', () => {
    const parts = reviewPrompt({ fileName: 'app.py', text: reviewSample, span: deleteUserSpan });
    assert.equal(parts.task, 'review');
    assert.ok(parts.prompt.includes('Code under review (lines 13-17):\n 13 | @app.route("/admin/users/<int:user_id>", methods=["DELETE"])'), parts.prompt);
    assert.ok(parts.prompt.includes('17 |     return jsonify(deleted=user_id)'));
    for (const kind of reviewKindNames) assert.ok(parts.prompt.includes(`- ${kind}: `), kind);
    assert.ok(!parts.prompt.includes('def profile'), 'no sibling headers were given, so none are shown');
    const answer = { findings: [{ line: 14, kind: 'authentication', cwe: 306, message: 'No login check.', evidence: 'def delete_user(user_id):' }] };
    assert.deepEqual(validateJson(answer, reviewAnswerSchema()), []);
    assert.equal(validateJson({ findings: [{ ...answer.findings[0], kind: 'performance' }] }, reviewAnswerSchema()).length, 1, 'security kinds only');
  });

  it('shows the sibling routes\' decorators and definition lines, numbered, outside the reviewed lines', () => {
    const siblingHeaders = [{ startLine: 6, endLine: 8 }, { startLine: 19, endLine: 21 }, { startLine: 12, endLine: 13 }];
    const parts = reviewPrompt({ fileName: 'app.py', text: reviewSample, span: deleteUserSpan, siblingHeaders });
    const context = parts.prompt.slice(parts.prompt.indexOf('Other functions of this file'));
    assert.ok(context.includes(' 7 | @app.route("/profile")\n 8 | @login_required\n 9 | def profile():'), context);
    assert.ok(context.includes(' 20 | @app.route("/export")\n 21 | @login_required\n 22 | def export():'));
    assert.ok(context.indexOf('def profile') < context.indexOf('def export'), 'in file order');
    assert.ok(!context.includes('def delete_user'), 'the reviewed function is not repeated as context');
    assert.ok(parts.promptTokens <= reviewPromptTokenBudget);
  });

  it('keeps sibling headers within the token budget, nearest the reviewed lines first', () => {
    const many = Array.from({ length: 400 }, (_, index) => `@app.route("/r${index}")\n@login_required\ndef route_${index}():\n    return ${index}\n`).join('\n');
    const text = `${many}\n@app.route("/open")\ndef open_route():\n    return 1\n`;
    const lines = text.split('\n');
    const reviewedStart = lines.indexOf('@app.route("/open")');
    const headers = lines.flatMap((line, index) => (line.startsWith('@app.route("/r') ? [{ startLine: index, endLine: index + 2 }] : []));
    const parts = reviewPrompt({ fileName: 'routes.py', text, span: { startLine: reviewedStart, endLine: reviewedStart + 2 }, siblingHeaders: headers });
    assert.ok(parts.promptTokens <= reviewPromptTokenBudget, `${parts.promptTokens} tokens`);
    assert.ok(parts.prompt.includes('def route_399():'), 'the nearest sibling is shown');
    assert.ok(!parts.prompt.includes('def route_0():'), 'the farthest does not fit');
  });

  describe('a conversation from VS Code\'s chat', () => {
    it('asks its last user message, with the turns before it as history and the role first', () => {
      const { prompt, history } = conversationPrompt([
        { role: 'user', text: 'What does eval do?' },
        { role: 'assistant', text: 'It runs code.' },
        { role: 'user', text: '  And exec?  ' },
      ]);
      assert.equal(prompt.task, 'explain');
      assert.equal(prompt.prompt, 'And exec?');
      assert.equal(prompt.systemPrompt, chatSystemPrompt);
      assert.ok(prompt.systemPrompt.startsWith(reviewerRole));
      assert.ok(prompt.promptTokens > 0);
      assert.deepEqual(history, [
        { role: 'user', text: 'What does eval do?' },
        { role: 'assistant', text: 'It runs code.' },
      ]);
    });

    it('adds system messages to the role, and leaves empty turns and what follows the question out of the history', () => {
      const { prompt, history } = conversationPrompt([
        { role: 'system', text: 'Answer in French.' },
        { role: 'user', text: 'First?' },
        { role: 'assistant', text: ' ' },
        { role: 'user', text: 'Second?' },
        { role: 'assistant', text: 'Half an answer' },
      ]);
      assert.equal(prompt.prompt, 'Second?');
      assert.equal(prompt.systemPrompt, `${chatSystemPrompt}\n\nAnswer in French.`);
      assert.deepEqual(history, [{ role: 'user', text: 'First?' }]);
    });

    it('refuses a conversation without a question', () => {
      assert.throws(() => conversationPrompt([]), /no question/);
      assert.throws(() => conversationPrompt([{ role: 'assistant', text: 'Hello' }]), /no question/);
      assert.throws(() => conversationPrompt([{ role: 'user', text: '   ' }]), /no question/);
    });
  });
});
