// The offline rule documentation page: complete for every rule, and escaped.
import * as assert from 'node:assert/strict';
import type { RuleMeta } from '../../../src/analysis/finding';
import { allRules } from '../../../src/analysis/rules';
import { ruleDocumentationHtml, ruleDocumentationMarkdown } from '../../../src/editor/ruleDocsContent';

const page = { cspSource: 'vscode-webview://test', styleUri: 'vscode-webview://test/media/ruleDocs.css' };

describe('editor: rule documentation', () => {
  it('renders every rule with its title, why, do-instead and suppression comment', () => {
    for (const { meta } of allRules()) {
      const html = ruleDocumentationHtml(meta, page);
      assert.match(html, new RegExp(`ignore\\[${meta.id}\\]`), meta.id);
      assert.ok(!/https?:\/\/(?!cwe\.mitre\.org)/.test(html), `${meta.id}: only the CWE link may point outside`);
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
});
