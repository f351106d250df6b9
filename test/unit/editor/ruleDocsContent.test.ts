// The offline rule documentation page: complete for every rule, and escaped.
import * as assert from 'node:assert/strict';
import type { RuleMeta } from '../../../src/analysis/finding';
import type { Finding } from '../../../src/analysis/finding';
import { allRules, ruleMeta } from '../../../src/analysis/rules';
import { findingPathFromQuery, findingPathQuery } from '../../../src/editor/findingPath';
import { ruleDocumentationHtml, ruleDocumentationMarkdown } from '../../../src/editor/ruleDocsContent';

const page = { cspSource: 'vscode-webview://test', styleUri: 'vscode-webview://test/media/ruleDocs.css' };

describe('editor: rule documentation', () => {
  it('renders every rule with its title, why, do-instead and suppression comment', () => {
    for (const { meta } of allRules()) {
      const html = ruleDocumentationHtml(meta, page);
      assert.match(html, new RegExp(`ignore\\[${meta.id}\\]`), meta.id);
      assert.ok(!/(?:href|src)="https?:\/\/(?!cwe\.mitre\.org)/.test(html), `${meta.id}: only the CWE link may point outside`);
      assert.ok(ruleDocumentationMarkdown(meta).startsWith(`# ${meta.title}\n`), meta.id);
    }
  });

  it('allows no scripts and loads styles only from the webview', () => {
    const [{ meta }] = allRules();
    assert.match(ruleDocumentationHtml(meta, page), /content="default-src 'none'; style-src vscode-webview:\/\/test;"/);
  });

  it('escapes HTML in rule texts and turns backticks into code', () => {
    const meta: RuleMeta = {
      id: 'made-up', title: 'Use of <script>', category: 'security', severity: 'warning', confidence: 'high', cwe: 79,
      aliases: [], why: 'A "quoted" & `x < y` case.', doInstead: 'Nothing.', languages: ['python'],
    };
    const html = ruleDocumentationHtml(meta, page);
    assert.ok(html.includes('<h1>Use of &lt;script&gt;</h1>'));
    assert.ok(html.includes('A &quot;quoted&quot; &amp; <code>x &lt; y</code> case.'));
    assert.ok(html.includes('href="https://cwe.mitre.org/data/definitions/79.html"'));
  });

  it('lists a taint rule\'s sinks and sanitisers from its models', () => {
    const html = ruleDocumentationHtml(ruleMeta('command-injection')!, page);
    assert.ok(html.includes('<h2>Where it looks</h2>'));
    assert.ok(html.includes('<code>os.system()</code>'));
    assert.ok(html.includes('<code>shlex.quote()</code>'));
    assert.ok(!ruleDocumentationHtml(ruleMeta('eval-used')!, page).includes('Where it looks'), 'pattern rules have no models');
  });

  it('shows the path of the finding it was opened from, escaped, and survives a malformed link', () => {
    const finding: Finding = {
      ruleId: 'xss', aliases: [], category: 'security', severity: 'error', confidence: 'high', cwe: 79, source: 'parse',
      message: 'User input `request.args` (line 3) reaches the response of `hello()`.',
      range: { start: { line: 4, column: 4 }, end: { line: 4, column: 30 } },
      trace: [
        { range: { start: { line: 2, column: 11 }, end: { line: 2, column: 23 } }, label: 'user input `request.args`', kind: 'source' },
        { range: { start: { line: 4, column: 4 }, end: { line: 4, column: 30 } }, label: 'reaches <the response>', kind: 'sink', file: '/srv/app/views.py' },
      ],
    };
    const path = findingPathFromQuery(findingPathQuery(finding)!);
    assert.deepEqual(path?.steps, [
      { line: 3, label: 'user input `request.args`' },
      { line: 5, label: 'reaches <the response>', file: 'views.py' },
    ]);
    const html = ruleDocumentationHtml(ruleMeta('xss')!, page, path);
    assert.ok(html.includes('<h2>This finding</h2>'));
    assert.ok(html.includes('<span class="step-line">line 3</span> user input <code>request.args</code>'));
    assert.ok(html.includes('<span class="step-line">views.py:5</span> reaches &lt;the response&gt;'));
    assert.ok(ruleDocumentationMarkdown(ruleMeta('xss')!, path).includes('1. line 3: user input `request.args`'));
    assert.equal(findingPathFromQuery('path=%7Bnot-json'), undefined);
    assert.equal(findingPathFromQuery(''), undefined);
  });

  it('shows the example from the fixtures: flagged, then after the fix or not flagged, escaped', () => {
    const fixed = ruleDocumentationHtml(ruleMeta('request-without-timeout')!, page);
    assert.ok(fixed.includes('<h3>Flagged</h3>\n<pre><code>response = requests.get(url)  # flagged</code></pre>'));
    assert.ok(fixed.includes('<h3>After the fix</h3>\n<pre><code>response = requests.get(url, timeout=10)</code></pre>'));
    const notFlagged = ruleDocumentationHtml(ruleMeta('template-variable-in-script')!, page);
    assert.ok(notFlagged.includes('<pre><code>&lt;script&gt;\n  var count = {{ count }};  {# flagged #}</code></pre>'));
    assert.ok(notFlagged.includes('<h3>Not flagged</h3>'));
    const markdown = ruleDocumentationMarkdown(ruleMeta('eval-used')!);
    assert.ok(markdown.includes('## Example\n\n### Flagged\n\n```python\nresult = eval(user_input)  # flagged\n```\n\n### Not flagged\n'));
  });
});
