// A second language is one record: a throwaway JavaScript record with one toy rule
// (test/support/javascriptLanguage.ts) goes through the engine, suppressions, the fixture reader,
// the suppression edit and `llama-review check` on its worker threads, and is gone afterwards.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analyzer } from '../../../src/analysis/engine';
import { addLanguageModule, languageIds, languageSupport, recogniseFile, shippedLanguages } from '../../../src/analysis/languages';
import { checkFiles } from '../../../src/cli/checkPool';
import { suppressionEdit } from '../../../src/editor/suppressionEdit';
import { expectationsFor } from '../../support/fixtures';
import { runCli } from '../../support/runCli';

const javascriptModule = require.resolve('../../support/javascriptLanguage');

describe('a second language from one record (JavaScript, for this test only)', () => {
  let removeLanguage: (() => void) | undefined;
  let analyzer: Analyzer;
  let folder: string;

  before(async () => {
    removeLanguage = addLanguageModule(javascriptModule);
    analyzer = await Analyzer.create();
    folder = mkdtempSync(join(tmpdir(), 'llama-review-js-'));
  });
  after(() => {
    analyzer?.dispose();
    removeLanguage?.();
    rmSync(folder, { recursive: true, force: true });
  });

  const code = ['const data = eval(input);  // expect: js-eval', 'const value = evaluate(input);  // ok: js-eval', 'window.eval(input);  // ok: js-eval', ''].join('\n');

  it('is added next to the shipped languages, never among them', () => {
    assert.deepEqual(shippedLanguages.map((language) => language.id), ['python', 'template']);
    assert.deepEqual(languageIds(), ['python', 'template', 'javascript']);
    assert.deepEqual(recogniseFile('/p/src/app.js'), { language: 'javascript', by: 'extension' });
  });

  it('flows through the engine: its rule flags exactly the lines its fixture marks say', () => {
    const marks = expectationsFor(code, 'js-eval', 'javascript');
    const result = analyzer.analyze(code, 'javascript');
    assert.deepEqual(result.ruleErrors, []);
    assert.equal(result.hasSyntaxErrors, false);
    assert.deepEqual(result.findings.map((finding) => finding.range.start.line), [...marks.expected]);
    assert.deepEqual(result.findings.map((finding) => [finding.ruleId, finding.cwe]), [['js-eval', 95]]);
  });

  it('is silenced by a suppression directive in a // comment, on the line or for the file', () => {
    const flagged = (text: string) => analyzer.analyze(text, 'javascript').findings.length;
    assert.equal(flagged('eval(input);\n'), 1);
    assert.equal(flagged('eval(input);  // llama-review: ignore[js-eval]\n'), 0);
    assert.equal(flagged('eval(input);  // llama-review: ignore[eval-used]\n'), 1, 'another rule\'s directive');
    assert.equal(flagged('// llama-review: ignore-file[js-eval]\n\neval(input);\n'), 0);
  });

  it('gets a // suppression comment from the suppression edit, whatever the style', () => {
    const line = 'eval(input);';
    const [finding] = analyzer.analyze(line + '\n', 'javascript').findings;
    const edit = suppressionEdit(finding, line, 'noqa', languageSupport('javascript')!);
    assert.equal(edit?.text, '  // llama-review: ignore[js-eval]');
    assert.equal(analyzer.analyze(line + edit!.text + '\n', 'javascript').findings.length, 0);
  });

  it('is reported by `llama-review check` on a .js file (JSON), and the check workers know the language', async () => {
    const file = join(folder, 'app.js');
    writeFileSync(file, 'export function run(input) {\n  return eval(input);\n}\n');
    const { code: exitCode, stdout, stderr } = await runCli(['check', '--format', 'json', 'app.js'], folder);
    assert.equal(stderr, '');
    assert.equal(exitCode, 1);
    const rows = JSON.parse(stdout) as { file: string; line: number; ruleId: string }[];
    assert.deepEqual(rows.map((row) => [row.file, row.line, row.ruleId]), [['app.js', 2, 'js-eval']]);

    // The pool checks even one file on a worker thread, whose registry is its own.
    const run = await checkFiles([{ file, path: 'app.js', language: 'javascript', options: {}, fix: false }], 1);
    assert.equal(run.workers, 1);
    assert.deepEqual(run.outcomes[0].report?.findings.map((finding) => finding.ruleId), ['js-eval']);
  });
});
