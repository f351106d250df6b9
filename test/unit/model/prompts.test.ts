import * as assert from 'node:assert/strict';
import type { Finding } from '../../../src/analysis/finding';
import { ruleMeta } from '../../../src/analysis/rules';
import { validateJson } from '../../../src/model/jsonSchema';
import { chatSystemPrompt, conversationPrompt, explainPrompt, fixPrompt, numberedLines, reviewerRole, reviewPrompt } from '../../../src/model/prompts';
import { reviewAnswerSchema, reviewFindings } from '../../../src/model/reviewAnswer';

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

  it('turns a valid review answer into model findings within the reviewed lines', () => {
    const span = { startLine: 2, endLine: 4 };
    const schema = reviewAnswerSchema(span);
    const answer = { findings: [{ line: 5, category: 'security', severity: 'warning', title: 'Code injection', explanation: 'eval of request data.' }] };
    assert.deepEqual(validateJson(answer, schema), []);
    assert.equal(validateJson({ findings: [{ ...answer.findings[0], line: 40 }] }, schema)[0].message, 'must be at most 5; got 40');
    const [converted] = reviewFindings(answer as Parameters<typeof reviewFindings>[0], source);
    assert.equal(converted.source, 'model');
    assert.equal(converted.range.start.line, 4);
    assert.equal(converted.range.start.column, 4);
    assert.equal(reviewPrompt({ fileName: 'app.py', text: source, span }).task, 'review');
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
