// A rule's documentation, rendered offline from its metadata: an HTML page for the documentation
// view and Markdown for the same page opened as text. For a taint rule, the sinks and sanitisers
// its models know; opened from a finding, that finding's path; for every rule, an example from its
// fixtures. No `vscode` import, so it is unit-tested in Node.
import type { RuleMeta } from '../analysis/finding';
import { languageSupport } from '../analysis/languages';
import { ruleExample, type RuleExample } from '../analysis/rules/ruleExamples';
import { taintRuleFacts } from '../analysis/rules/taintFacts';
import type { FindingPath } from './findingPath';

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character]);
}

/** Rule texts mark code with backticks; everything else is plain text. */
function inlineHtml(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

export function cweUrl(cwe: number): string {
  return `https://cwe.mitre.org/data/definitions/${cwe}.html`;
}

function facts(meta: RuleMeta): [string, string][] {
  const rows: [string, string][] = [
    ['Category', meta.category],
    ['Default severity', meta.severity],
    ['Confidence', meta.confidence],
  ];
  if (meta.aliases.length > 0) rows.push(['Also known as', meta.aliases.join(', ')]);
  if (meta.enabledByDefault === false) rows.push(['Enabled', 'only when selected']);
  return rows;
}

export interface RuleDocumentationPage {
  /** The webview's CSP source (`webview.cspSource`). */
  cspSource: string;
  /** The stylesheet's webview URI. */
  styleUri: string;
}

/** No scripts; styles only from the extension's media folder. */
function pageStart(page: RuleDocumentationPage, title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${page.cspSource};">
<link rel="stylesheet" href="${escapeHtml(page.styleUri)}">
<title>${escapeHtml(title)}</title>
</head>
<body>`;
}

function stepWhere(step: FindingPath['steps'][number]): string {
  return step.file ? `${step.file}:${step.line}` : `line ${step.line}`;
}

function findingPathHtml(path: FindingPath | undefined): string {
  if (!path) return '';
  const steps = path.steps.map((step) => `<li><span class="step-line">${escapeHtml(stepWhere(step))}</span> ${inlineHtml(step.label)}</li>`).join('');
  return `<h2>This finding</h2>\n<p>${inlineHtml(path.message)}</p>\n<ol class="trace">${steps}</ol>`;
}

/** At most this many names per list on a page; the README has them all. */
const maxListed = 40;

function listed(names: readonly string[]): string[] {
  return names.length > maxListed ? [...names.slice(0, maxListed), `and ${names.length - maxListed} more`] : [...names];
}

function taintFactsHtml(meta: RuleMeta): string {
  const facts = taintRuleFacts(meta.id);
  if (!facts) return '';
  const list = (names: readonly string[]) => `<ul>${listed(names).map((name) => `<li><code>${escapeHtml(name)}</code></li>`).join('')}</ul>`;
  const sanitizers = facts.sanitizers.length > 0 ? `<h3>Sanitisers</h3>\n<p>Also conversions to numbers, booleans and UUIDs, and checks (allow-lists, <code>isdigit()</code>, anchored regular expressions, validators such as <code>is_safe_path()</code>) in the branch where they passed.</p>${list(facts.sanitizers)}` : '';
  return `<h2>Where it looks</h2>\n<p>Untrusted data followed from its source (a request of ${escapeHtml(facts.frameworks.filter((name) => /flask|django|fastapi|aiohttp|tornado/.test(name)).join(', ') || 'a web framework')}, route parameters, <code>sys.argv</code>, <code>input()</code>) through assignments, calls and files of the project to these sinks:</p>${list(facts.sinks)}${sanitizers}`;
}

function taintFactsMarkdown(meta: RuleMeta): string[] {
  const facts = taintRuleFacts(meta.id);
  if (!facts) return [];
  return ['## Where it looks', '', ...listed(facts.sinks).map((name) => `- \`${name}\``), '', ...(facts.sanitizers.length > 0 ? ['### Sanitisers', '', ...listed(facts.sanitizers).map((name) => `- \`${name}\``), ''] : [])];
}

/** The example's two snippets with their headings: flagged, then fixed or not flagged. */
function exampleParts(example: RuleExample): [string, string][] {
  const parts: [string, string][] = [['Flagged', example.flagged]];
  if (example.fixed !== undefined) parts.push(['After the fix', example.fixed]);
  else if (example.notFlagged !== undefined) parts.push(['Not flagged', example.notFlagged]);
  return parts;
}

function exampleHtml(meta: RuleMeta): string {
  const example = ruleExample(meta.id);
  if (!example) return '';
  const parts = exampleParts(example).map(([heading, code]) => `<h3>${heading}</h3>\n<pre><code>${escapeHtml(code)}</code></pre>`);
  return `<h2>Example</h2>\n${parts.join('\n')}`;
}

function exampleMarkdown(meta: RuleMeta): string[] {
  const example = ruleExample(meta.id);
  if (!example) return [];
  // Markdown fences name the language VS Code colours: Jinja for templates.
  const fence = languageSupport(example.language)?.markdownFence ?? '';
  return ['## Example', '', ...exampleParts(example).flatMap(([heading, code]) => [`### ${heading}`, '', '```' + fence, code, '```', ''])];
}

export function ruleDocumentationHtml(meta: RuleMeta, page: RuleDocumentationPage, path?: FindingPath): string {
  const rows = facts(meta)
    .map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  const cwe = meta.cwe === undefined ? '' : `<tr><th>CWE</th><td><a href="${cweUrl(meta.cwe)}">CWE-${meta.cwe}</a></td></tr>`;
  return `${pageStart(page, meta.id)}
<h1>${inlineHtml(meta.title)}</h1>
<p class="rule-id"><code>${escapeHtml(meta.id)}</code></p>
<table>${rows}${cwe}</table>
${findingPathHtml(path)}
<h2>Why it is flagged</h2>
<p>${inlineHtml(meta.why)}</p>
<h2>Do instead</h2>
<p>${inlineHtml(meta.doInstead)}</p>
${exampleHtml(meta)}
${taintFactsHtml(meta)}
<h2>Suppress or configure</h2>
<p>Suppress one line with <code># llama-review: ignore[${escapeHtml(meta.id)}]</code>, or the whole file with
<code># llama-review: ignore-file[${escapeHtml(meta.id)}]</code>. Change its severity or turn it off with the
<code>llamaReview.rules</code> setting, for example <code>{"${escapeHtml(meta.id)}": "off"}</code>.</p>
</body>
</html>`;
}

export function ruleDocumentationMarkdown(meta: RuleMeta, path?: FindingPath): string {
  const lines = [`# ${meta.title}`, '', `\`${meta.id}\``, ''];
  for (const [name, value] of facts(meta)) lines.push(`- ${name}: ${value}`);
  if (meta.cwe !== undefined) lines.push(`- CWE: [CWE-${meta.cwe}](${cweUrl(meta.cwe)})`);
  if (path) lines.push('', '## This finding', '', path.message, '', ...path.steps.map((step, index) => `${index + 1}. ${stepWhere(step)}: ${step.label}`));
  lines.push('', '## Why it is flagged', '', meta.why, '', '## Do instead', '', meta.doInstead, '', ...exampleMarkdown(meta), ...taintFactsMarkdown(meta));
  return lines.join('\n');
}

export function unknownRuleHtml(ruleId: string, page: RuleDocumentationPage): string {
  return `${pageStart(page, 'Unknown rule')}
<h1>Unknown rule</h1>
<p>This version of Llama Review has no rule <code>${escapeHtml(ruleId)}</code>.</p>
</body>
</html>`;
}
