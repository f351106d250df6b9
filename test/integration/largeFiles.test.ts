// Large files keep the editor responsive: a 1,000-line file is reviewed on save (its timing is in
// the log), a very large one either gets its diagnostics within the time budget or a clear
// "skipped" notice, and a file over the size limit is skipped with a notice.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, evalAt, openPython, seenDiagnostics, updateSetting, waitFor, waitForDiagnostics } from './support';

/** `lines` lines of ordinary Python with one eval() call in the middle. */
function pythonOfLength(lines: number): string {
  const body: string[] = [];
  for (let index = 0; body.length < lines - 1; index++) {
    body.push(`def function_${index}(items, limit=${index}):`, `    total = sum(item for item in items if item > limit)`, `    return total * ${index}`, '');
    if (index === 10) body.push('middle = eval(command)');
  }
  return body.slice(0, lines - 1).join('\n') + '\nlast = 1\n';
}

describe('Large files', () => {
  afterEach(closeAllEditors);

  it('reviews a 1,000-line file on open and on save', async () => {
    const editor = await openPython('scratch/thousand_lines.py', pythonOfLength(1000));
    const { document } = editor;
    assert.equal(document.lineCount, 1001);
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(command)')]);
    // Saved twice so the log shows the on-save latency of a warm parser.
    for (const suffix of ['# saved once', '# saved twice']) {
      assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(1000, 0), `${suffix}\n`)));
      assert.ok(await document.save());
    }
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(command)')]);
  });

  it('reviews a very large file within the time budget, or says that it skipped it', async () => {
    const { document } = await openPython('scratch/very_large.py', pythonOfLength(30_000));
    const outcome = await waitFor('findings or a skipped notice', () => {
      const seen = seenDiagnostics(document.uri);
      return seen.length > 0 ? seen : undefined;
    }, 60_000);
    const codes = outcome.map((diagnostic) => diagnostic.code);
    assert.ok(codes.includes('eval-used') || codes.includes('file-skipped'), `saw ${codes.join(', ')}`);

    // The extension host is still responsive: a small file gets its review right after.
    const small = await openPython('scratch/after_large.py', 'y = eval(command)\n');
    await waitForDiagnostics(small.document.uri, [evalAt(small.document, 'eval(command)')]);
  });

  it('skips a file over the size limit with a notice instead of findings', async () => {
    await updateSetting('llamaReview.maxFileSizeKB', 1024);
    try {
      const { document } = await openPython('scratch/over_limit.py', pythonOfLength(60_000));
      assert.ok(Buffer.byteLength(document.getText()) > 1024 * 1024, 'the file should be over the 1 MB limit set');
      await waitForDiagnostics(document.uri, [{ code: 'file-skipped', range: [0, 0, 0, 0], severity: vscode.DiagnosticSeverity.Information }]);
      const notice = vscode.languages.getDiagnostics(document.uri)[0];
      assert.match(notice.message, /Skipped: the file is .* over the 1\.0 MB analysis limit/);
    } finally {
      await updateSetting('llamaReview.maxFileSizeKB', undefined);
    }
  });
});
