// Templates in the editor: an .html file in a templates folder, .j2 and .jinja files are reviewed
// like Python files (on open, after edits), an .html page elsewhere is not, the template folders
// come from the settings, and "suppress on this line" writes a template comment.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extensionId, openPython, rangeOf, updateSetting, waitFor, waitForDiagnostics, type SeenDiagnostic } from './support';

const page = '{% extends "base.html" %}\n{% block content %}\n<div class="bio">{{ user.bio|safe }}</div>\n{% endblock %}\n';

function safeFilterAt(document: vscode.TextDocument, output: string): SeenDiagnostic {
  return { code: 'template-safe-filter', range: rangeOf(document, output), severity: vscode.DiagnosticSeverity.Warning };
}

describe('Templates', () => {
  before(async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
  });
  afterEach(async () => {
    await closeAllEditors();
    await updateSetting('llamaReview.templates.folders', undefined);
  });

  it('shows the findings of an .html file in a templates folder when it opens, and after an edit', async () => {
    const editor = await openPython('app/templates/profile.html', page);
    const { document } = editor;
    assert.equal(document.languageId, 'html');
    await waitForDiagnostics(document.uri, [safeFilterAt(document, '{{ user.bio|safe }}')]);
    const code = vscode.languages.getDiagnostics(document.uri)[0].code as { value: string; target: vscode.Uri };
    assert.equal(code.target.toString(), 'llama-review-docs:/rules/template-safe-filter');

    const end = document.lineAt(document.lineCount - 1).range.end;
    assert.ok(await editor.edit((builder) => builder.insert(end, '<script>var count = {{ count }};</script>\n')));
    await waitForDiagnostics(document.uri, [
      safeFilterAt(document, '{{ user.bio|safe }}'),
      { code: 'template-variable-in-script', range: rangeOf(document, '{{ count }}'), severity: vscode.DiagnosticSeverity.Warning },
    ]);
  });

  it('reviews .j2 and .jinja files wherever they are, and leaves .html pages outside template folders alone', async () => {
    const { document: site } = await openPython('site/index.html', page);
    const { document: j2 } = await openPython('deploy/page.html.j2', page);
    const { document: jinja } = await openPython('deploy/card.jinja', page);
    await waitForDiagnostics(j2.uri, [safeFilterAt(j2, '{{ user.bio|safe }}')]);
    await waitForDiagnostics(jinja.uri, [safeFilterAt(jinja, '{{ user.bio|safe }}')]);
    // The worker takes reviews in the order they come: had the page been reviewed, its findings would be here by now.
    assert.deepEqual(vscode.languages.getDiagnostics(site.uri), []);
  });

  it('takes the template folders from llamaReview.templates.folders', async () => {
    await updateSetting('llamaReview.templates.folders', ['views']);
    const { document } = await openPython('app/views/home.html', page);
    await waitForDiagnostics(document.uri, [safeFilterAt(document, '{{ user.bio|safe }}')]);
  });

  it('suppresses a template finding with a template comment, and the diagnostic goes away', async () => {
    const { document } = await openPython('app/templates/suppress.html', page);
    await waitForDiagnostics(document.uri, [safeFilterAt(document, '{{ user.bio|safe }}')]);
    const [line, column] = rangeOf(document, '{{ user.bio|safe }}');
    const action = await waitFor('the suppress action', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(line, column, line, column + 1));
      return actions?.find((candidate) => candidate.title === 'Suppress template-safe-filter on this line');
    });
    assert.ok(action.edit && (await vscode.workspace.applyEdit(action.edit)));
    assert.equal(document.lineAt(2).text, '<div class="bio">{{ user.bio|safe }}</div>  {# llama-review: ignore[template-safe-filter] #}');
    await waitForDiagnostics(document.uri, []);
  });
});
