// "Suppress on this line": the edit is applied to real code and the analyzer must then stay quiet.
import * as assert from 'node:assert/strict';
import { Analyzer } from '../../../src/analysis/engine';
import { python, template } from '../../../src/analysis/languages';
import { suppressionEdit, suppressionLine, type SuppressionStyle } from '../../../src/editor/suppressionEdit';

describe('editor: suppression edit', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  const findings = (code: string) => analyzer.analyze(code, 'python', { select: ['eval-used', 'compare-to-none'] }).findings;

  /** Applies the suppression edit for the first finding; returns the new text. */
  function suppressFirst(code: string, style: SuppressionStyle = 'llama-review'): string {
    const [finding] = findings(code);
    assert.ok(finding, 'the code should have a finding to suppress');
    const lines = code.split('\n');
    const edit = suppressionEdit(finding, lines[suppressionLine(finding)], style, python);
    assert.ok(edit, 'a suppression edit should be possible');
    const line = lines[edit.line];
    lines[edit.line] = line.slice(0, edit.startColumn) + edit.text + line.slice(edit.endColumn);
    return lines.join('\n');
  }

  it('appends a comment after the code, trimming trailing spaces', () => {
    const suppressed = suppressFirst('x = eval(data)   \n');
    assert.equal(suppressed, 'x = eval(data)  # llama-review: ignore[eval-used]\n');
    assert.deepEqual(findings(suppressed), []);
  });

  it('puts the comment after the closing parenthesis of a multi-line call', () => {
    const suppressed = suppressFirst('x = eval(\n    data,\n)\n');
    assert.equal(suppressed, 'x = eval(\n    data,\n)  # llama-review: ignore[eval-used]\n');
    assert.deepEqual(findings(suppressed), []);
  });

  it('adds the rule to an existing llama-review ignore list', () => {
    const suppressed = suppressFirst('if eval(data) == None:  # llama-review: ignore[compare-to-none]\n    pass\n');
    assert.equal(suppressed, 'if eval(data) == None:  # llama-review: ignore[compare-to-none, eval-used]\n    pass\n');
    assert.deepEqual(findings(suppressed), []);
  });

  it('keeps an existing comment and writes Bandit and Ruff styles', () => {
    const nosec = suppressFirst('x = eval(data)  # trusted input\n', 'nosec');
    assert.equal(nosec, 'x = eval(data)  # trusted input  # nosec B307\n');
    assert.deepEqual(findings(nosec), []);
    const noqa = suppressFirst('x = eval(data)\n', 'noqa');
    assert.equal(noqa, 'x = eval(data)  # noqa: S307\n');
    assert.deepEqual(findings(noqa), []);
  });

  it('writes a template comment in a template, whatever the Python style, and the finding goes', () => {
    const page = '<p>{{ bio|safe }}</p>\n<script>var n = {{ n }};</script>  {# llama-review: ignore[template-safe-filter] #}\n';
    const templateFindings = (text: string) => analyzer.analyze(text, 'template').findings;
    const [safe, script] = templateFindings(page);
    for (const style of ['llama-review', 'nosec'] as const) {
      const edit = suppressionEdit(safe, page.split('\n')[0], style, template);
      assert.deepEqual(edit, { line: 0, startColumn: 21, endColumn: 21, text: '  {# llama-review: ignore[template-safe-filter] #}' });
    }
    const merged = suppressionEdit(script, page.split('\n')[1], 'noqa', template);
    assert.ok(merged);
    const lines = page.split('\n');
    lines[1] = lines[1].slice(0, merged.startColumn) + merged.text + lines[1].slice(merged.endColumn);
    assert.equal(lines[1], '<script>var n = {{ n }};</script>  {# llama-review: ignore[template-safe-filter, template-variable-in-script] #}');
    assert.deepEqual(templateFindings(lines.join('\n')).map((finding) => finding.ruleId), ['template-safe-filter']);
  });

  it('offers nothing on a line that ends with a backslash continuation', () => {
    const code = 'x = eval(data) + \\\n    1\n';
    const [finding] = findings(code);
    assert.equal(suppressionEdit(finding, code.split('\n')[suppressionLine(finding)], 'llama-review', python), undefined);
  });
});
