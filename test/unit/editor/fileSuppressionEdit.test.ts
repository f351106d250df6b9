// "Suppress in this file": the edit is applied to real code and the analyzer must then stay quiet
// about that rule, and only that rule.
import * as assert from 'node:assert/strict';
import { Analyzer } from '../../../src/analysis/engine';
import { python, template } from '../../../src/analysis/languages';
import { fileSuppressionEdit } from '../../../src/editor/fileSuppressionEdit';
import type { LineEdit } from '../../../src/editor/suppressionEdit';

function applyLineEdit(text: string, edit: LineEdit): string {
  const lines = text.split('\n');
  const line = lines[edit.line];
  lines[edit.line] = line.slice(0, edit.startColumn) + edit.text + line.slice(edit.endColumn);
  return lines.join('\n');
}

describe('editor: file suppression edit', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  const ruleIds = (code: string, language = 'python') => analyzer.analyze(code, language, language === 'python' ? { select: ['eval-used', 'compare-to-none'] } : {}).findings.map((finding) => finding.ruleId);

  function suppressInFile(code: string, ruleId: string, language = 'python'): string {
    const edit = fileSuppressionEdit(code.split('\n'), ruleId, language === 'template' ? template : python);
    assert.ok(edit, 'a file suppression edit should be possible');
    return applyLineEdit(code, edit);
  }

  it('writes the directive on the first line, and every finding of that rule in the file goes', () => {
    const code = 'x = eval(a)\nif x == None:\n    y = eval(b)\n';
    assert.deepEqual(ruleIds(code), ['eval-used', 'compare-to-none', 'eval-used']);
    const suppressed = suppressInFile(code, 'eval-used');
    assert.equal(suppressed, '# llama-review: ignore-file[eval-used]\nx = eval(a)\nif x == None:\n    y = eval(b)\n');
    assert.deepEqual(ruleIds(suppressed), ['compare-to-none']);
  });

  it('keeps a shebang and an encoding declaration on the first lines', () => {
    const code = '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nx = eval(a)\n';
    assert.equal(suppressInFile(code, 'eval-used'), '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n# llama-review: ignore-file[eval-used]\nx = eval(a)\n');
    assert.equal(suppressInFile('# coding: latin-1\nx = 1\n', 'eval-used'), '# coding: latin-1\n# llama-review: ignore-file[eval-used]\nx = 1\n');
    assert.equal(suppressInFile('# notes\n# vim: set fileencoding=utf-8 :\nx = 1', 'eval-used'), '# notes\n# vim: set fileencoding=utf-8 :\n# llama-review: ignore-file[eval-used]\nx = 1');
    assert.equal(suppressInFile('#!/bin/python', 'eval-used'), '#!/bin/python\n# llama-review: ignore-file[eval-used]');
  });

  it('adds the rule to a file directive already there, and offers nothing where the rule is in it', () => {
    const code = 'import os\n# llama-review: ignore-file[compare-to-none]\nx = eval(a) or a == None\n';
    const suppressed = suppressInFile(code, 'eval-used');
    assert.equal(suppressed.split('\n')[1], '# llama-review: ignore-file[compare-to-none, eval-used]');
    assert.deepEqual(ruleIds(suppressed), []);
    assert.equal(fileSuppressionEdit(suppressed.split('\n'), 'eval-used', python), undefined);
  });

  it('does not take a directive inside code (a string) for the file comment', () => {
    const code = 'NOTE = "# llama-review: ignore-file[compare-to-none]"\nx = eval(a)\n';
    assert.equal(suppressInFile(code, 'eval-used').split('\n')[0], '# llama-review: ignore-file[eval-used]');
  });

  it('writes a template comment at the top of a template', () => {
    const page = '{% extends "base.html" %}\n<p>{{ bio|safe }}</p>\n<script>var n = {{ n }};</script>\n';
    assert.deepEqual(ruleIds(page, 'template'), ['template-safe-filter', 'template-variable-in-script']);
    const suppressed = suppressInFile(page, 'template-safe-filter', 'template');
    assert.equal(suppressed.split('\n')[0], '{# llama-review: ignore-file[template-safe-filter] #}');
    assert.deepEqual(ruleIds(suppressed, 'template'), ['template-variable-in-script']);
  });
});
