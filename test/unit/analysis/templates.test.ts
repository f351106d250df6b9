// The template scanner on its own (tokens, filters, HTML contexts, what a file renders) and through
// the engine (selection, suppression comments, limits).
import * as assert from 'node:assert/strict';
import { Analyzer } from '../../../src/analysis/engine';
import { markupOf, scanTemplate } from '../../../src/analysis/templates/document';
import { parseOutputExpression } from '../../../src/analysis/templates/expressions';
import { tokenizeTemplate } from '../../../src/analysis/templates/tokens';

function kinds(text: string): string[] {
  return tokenizeTemplate(text).tokens.map((token) => `${token.kind}:${text.slice(token.start, token.end)}`);
}

function contexts(text: string): string[] {
  return scanTemplate(text, 'templates/page.html').document.outputs.map((output) => {
    const { context } = output;
    const where = context.kind === 'attribute' ? `attribute ${context.name}` : context.kind === 'script' ? `script ${context.script}` : context.kind;
    return `${output.token.expression} -> ${where}`;
  });
}

describe('template scanner', () => {
  it('splits text, outputs, tags and comments, skipping delimiters inside strings', () => {
    assert.deepEqual(kinds('a{{ "}}" }}b{% set x = "%}" %}{# c #}'), ['text:a', 'output:{{ "}}" }}', 'text:b', 'tag:{% set x = "%}" %}', 'comment:{# c #}']);
  });

  it('reads whitespace control marks as part of the delimiters', () => {
    const [tag] = tokenizeTemplate('{%- autoescape false -%}').tokens;
    assert.equal(tag.kind === 'tag' && `${tag.name}(${tag.args})`, 'autoescape(false)');
    const [output] = tokenizeTemplate('{{- user|safe -}}').tokens;
    assert.equal(output.kind === 'output' && output.expression, 'user|safe');
  });

  it('keeps raw and verbatim blocks as literal text, and a comment block as one comment', () => {
    assert.deepEqual(kinds('{% raw %}{{ a }}{% endraw %}'), ['tag:{% raw %}', 'text:{{ a }}', 'tag:{% endraw %}']);
    assert.deepEqual(kinds('{% verbatim x %}{% endverbatim %}{{ b }}{% endverbatim x %}'), ['tag:{% verbatim x %}', 'text:{% endverbatim %}{{ b }}', 'tag:{% endverbatim x %}']);
    assert.deepEqual(kinds('{% comment "why" %}{{ a|safe }}{% endcomment %}x'), ['comment:{% comment "why" %}{{ a|safe }}{% endcomment %}', 'text:x']);
  });

  it('reads an unclosed delimiter as text and says so', () => {
    const { tokens, unclosed } = tokenizeTemplate('<p>{{ user.name </p>{{ ok }}');
    assert.equal(unclosed, false, 'the first {{ closes at the second }}');
    assert.equal(tokens.filter((token) => token.kind === 'output').length, 1);
    const broken = tokenizeTemplate('<p>{% if x </p>');
    assert.equal(broken.unclosed, true);
    assert.deepEqual(broken.tokens.map((token) => token.kind), ['text']);
    assert.equal(tokenizeTemplate('{% raw %}never closed').unclosed, true);
  });

  it('parses the top-level filter chain in Jinja and Django forms, with offsets', () => {
    const source = 'x|default("a|b")|join(", ") | safe';
    const parsed = parseOutputExpression(source, 100);
    assert.equal(parsed.value, 'x');
    assert.deepEqual(parsed.filters.map((filter) => filter.name), ['default', 'join', 'safe']);
    assert.equal(parsed.filters[2].start, 100 + source.indexOf('safe'));
    assert.deepEqual(parseOutputExpression('value|date:"Y|m"|safe', 0).filters.map((filter) => filter.name), ['date', 'safe']);
    assert.deepEqual(parseOutputExpression('f(a|safe)', 0).filters, [], 'a filter inside a call is not the output\'s');
  });

  it('tells where each value lands in the HTML', () => {
    assert.deepEqual(
      contexts('<p title="{{ t }}" onclick=\'f({{ a }})\'>{{ b }}</p><a href={{ c }} class=x>{{ d }}</a>'),
      ['t -> attribute title', 'a -> attribute onclick', 'b -> text', 'c -> attribute href', 'd -> text'],
    );
    assert.deepEqual(
      contexts('<script>{{ a }}</script >{{ b }}<script type="application/json">{{ c }}</script><script type="{{ t }}">{{ d }}</script>'),
      ['a -> script javascript', 'b -> text', 'c -> script data', 't -> attribute type', 'd -> script javascript'],
    );
    assert.deepEqual(contexts('<!-- {{ a }} --><style>{{ b }}</style><textarea>{{ c }}</textarea><div {{ d }}>'), ['a -> comment', 'b -> style', 'c -> text', 'd -> tag']);
    assert.deepEqual(contexts('x < y {{ a }} <3 {{ b }}'), ['a -> text', 'b -> text'], 'a lone < starts no tag');
  });

  it('reads a template tag inside a start tag as neither attribute nor text', () => {
    assert.deepEqual(contexts('<input {% if x %}disabled{% endif %} value="{{ v }}" onchange="g({{ w }})">'), ['v -> attribute value', 'w -> attribute onchange']);
  });

  it('knows HTML templates from text ones by their name, or by their text when the name does not say', () => {
    assert.equal(markupOf('templates/page.html', ''), 'html');
    assert.equal(markupOf('templates/page.html.j2', ''), 'html');
    assert.equal(markupOf('templates/mail.txt', '<b>'), 'text');
    assert.equal(markupOf('roles/web/templates/nginx.conf.j2', '<b>'), 'text');
    assert.equal(markupOf('feeds/atom.xml', ''), 'xml');
    assert.equal(markupOf('page.jinja', '<div>{{ x }}</div>'), 'html');
    assert.equal(markupOf('motd.j2', 'Welcome {{ user }}'), 'text');
    assert.equal(markupOf(undefined, '<p>'), 'html');
  });
});

describe('template analysis through the engine', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  const page = '<p>{{ bio|safe }}</p>\n<script>var n = {{ n }};</script>\n';
  const ids = (text: string, options: Parameters<Analyzer['analyze']>[2] = {}) => analyzer.analyze(text, 'template', options).findings.map((finding) => `${finding.ruleId}@${finding.range.start.line}`);

  it('supports the template language beside Python', () => {
    assert.ok(analyzer.supports('template') && analyzer.supports('python'));
    assert.deepEqual(ids(page), ['template-safe-filter@0', 'template-variable-in-script@1']);
  });

  it('gives findings their range, CWE and rule metadata', () => {
    const [finding] = analyzer.analyze(page, 'template').findings;
    assert.deepEqual(finding.range, { start: { line: 0, column: 3 }, end: { line: 0, column: 17 } });
    assert.equal(finding.cwe, 79);
    assert.equal(finding.category, 'security');
    assert.equal(finding.source, 'parse');
  });

  it('selects and ignores template rules by id and category, and applies severity overrides', () => {
    assert.deepEqual(ids(page, { select: ['template-variable-in-script'] }), ['template-variable-in-script@1']);
    assert.deepEqual(ids(page, { ignore: ['template-safe-filter'] }), ['template-variable-in-script@1']);
    assert.deepEqual(ids(page, { select: ['refactoring'] }), []);
    assert.deepEqual(ids(page, { select: ['security'] }).length, 2);
    const [finding] = analyzer.analyze(page, 'template', { severityOverrides: { 'template-safe-filter': 'error', 'template-variable-in-script': 'off' } }).findings;
    assert.equal(finding.severity, 'error');
  });

  it('honours suppression comments on the line, for one rule or all, and for the whole file', () => {
    assert.deepEqual(ids('<p>{{ bio|safe }}</p> {# llama-review: ignore[template-safe-filter] #}\n'), []);
    assert.deepEqual(ids('<p>{{ bio|safe }}</p> {# llama-review: ignore[template-variable-in-script] #}\n'), ['template-safe-filter@0']);
    assert.deepEqual(ids('<p>{{ bio|safe }}</p> {# llama-review: ignore #}\n'), []);
    assert.deepEqual(ids('<p>{{ bio|safe }}</p>{% comment %}llama-review: ignore[template-safe-filter]{% endcomment %}\n'), []);
    assert.deepEqual(ids(`{# llama-review: ignore-file[template-safe-filter] #}\n${page}`), ['template-variable-in-script@2']);
    assert.deepEqual(ids('{# llama-review: ignore[template-safe-filter] #}\n<p>{{ bio|safe }}</p>\n'), ['template-safe-filter@1'], 'a comment on another line suppresses nothing');
  });

  it('skips binary and oversized templates with a notice, and reports unclosed delimiters', () => {
    assert.equal(analyzer.analyze('{{ a|safe }}\u0000', 'template').skipped?.reason, 'binary');
    assert.equal(analyzer.analyze(page.repeat(100), 'template', { maxBytes: 100 }).skipped?.reason, 'too-large');
    const broken = analyzer.analyze('<p>{{ bio|safe }}</p>{% if', 'template');
    assert.equal(broken.hasSyntaxErrors, true);
    assert.equal(broken.findings.length, 1);
  });

  it('reads an empty file and a file of plain text without findings', () => {
    assert.deepEqual(analyzer.analyze('', 'template').findings, []);
    assert.deepEqual(analyzer.analyze('just { text } with {braces} and }} stray', 'template').findings, []);
  });
});
