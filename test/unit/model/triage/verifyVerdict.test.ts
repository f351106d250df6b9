// Verification of triage answers, with hand-written answers: what holds to the lines shown is
// kept, and every claim about a line the model was not shown turns the verdict into "unsure".
import * as assert from 'node:assert/strict';
import { validateJson } from '../../../../src/model/jsonSchema';
import { triagePrompt } from '../../../../src/model/prompts';
import { lineCitations } from '../../../../src/model/triage/lineCitations';
import { triageAnswerSchema, type TriageAnswer } from '../../../../src/model/triage/triageAnswer';
import { verifyVerdict } from '../../../../src/model/triage/verifyVerdict';
import { commandInjection, flaskView } from '../../../support/triageFixtures';

/** The view's function (lines 7-12) and nothing else: the prompt a triage of line 11 shows. */
const shown = triagePrompt({ fileName: 'app.py', text: flaskView, finding: commandInjection(), span: { startLine: 6, endLine: 11 } }).shownLines;

function answer(fields: Partial<TriageAnswer>): TriageAnswer {
  return { verdict: 'true-positive', reason: 'The host comes from the query string and reaches a shell.', evidence_lines: [9, 11], fix_hint: 'Pass a list of arguments without shell=True.', ...fields };
}

describe('triage verification', () => {
  it('shows lines 7 to 12, the function around the finding', () => {
    assert.deepEqual(shown, [7, 8, 9, 10, 11, 12]);
  });

  describe('the answer schema', () => {
    it('accepts a well-formed answer and refuses one that breaks its bounds', () => {
      assert.deepEqual(validateJson(answer({}), triageAnswerSchema), []);
      assert.ok(validateJson(answer({ verdict: 'maybe' as TriageAnswer['verdict'] }), triageAnswerSchema).length > 0);
      assert.ok(validateJson(answer({ reason: 'x'.repeat(301) }), triageAnswerSchema).length > 0);
      assert.ok(validateJson(answer({ evidence_lines: [1, 2, 3, 4, 5, 6] }), triageAnswerSchema).length > 0);
      assert.ok(validateJson({ verdict: 'unsure', reason: 'r', evidence_lines: [] }, triageAnswerSchema).length > 0, 'fix_hint is required');
    });

    it('makes an answer that breaks the schema unsure, saying why', () => {
      const checked = verifyVerdict({ ...answer({}), evidence_lines: ['9'] }, shown);
      assert.equal(checked.verdict, 'unsure');
      assert.equal(checked.verified, false);
      assert.match(checked.rejected[0], /does not follow the format: field "evidence_lines\[0\]" must be integer/);
    });
  });

  describe('keeps what holds to the lines shown', () => {
    it('a true positive with shown evidence', () => {
      const checked = verifyVerdict(answer({ reason: 'Line 9 reads the host from the query; lines 10-11 pass it to a shell (L11).' }), shown);
      assert.deepEqual(checked, {
        verdict: 'true-positive',
        reason: 'Line 9 reads the host from the query; lines 10-11 pass it to a shell (L11).',
        evidenceLines: [9, 11],
        fixHint: 'Pass a list of arguments without shell=True.',
        verified: true,
        rejected: [],
      });
    });

    it('a false positive, its evidence deduplicated and in order', () => {
      const checked = verifyVerdict(answer({ verdict: 'false-positive', evidence_lines: [11, 8, 11], reason: 'The command is a constant on lines 8 and 10.', fix_hint: '' }), shown);
      assert.equal(checked.verdict, 'false-positive');
      assert.ok(checked.verified);
      assert.deepEqual(checked.evidenceLines, [8, 11]);
    });

    it('an unsure answer without evidence', () => {
      const checked = verifyVerdict(answer({ verdict: 'unsure', evidence_lines: [], reason: 'It depends on who calls the route.' }), shown);
      assert.equal(checked.verdict, 'unsure');
      assert.ok(checked.verified);
      assert.equal(checked.claimed, undefined);
    });
  });

  describe('rejects fabricated claims', () => {
    it('an evidence line outside the lines shown', () => {
      const checked = verifyVerdict(answer({ evidence_lines: [9, 42] }), shown);
      assert.equal(checked.verdict, 'unsure');
      assert.equal(checked.claimed, 'true-positive');
      assert.deepEqual(checked.rejected, ['evidence line 42, which was not shown']);
      assert.deepEqual(checked.evidenceLines, [9], 'only shown lines are kept as evidence');
    });

    it('evidence lines that no file has: 0 and negative numbers', () => {
      const checked = verifyVerdict(answer({ evidence_lines: [0, -3, 9] }), shown);
      assert.equal(checked.verdict, 'unsure');
      assert.deepEqual(checked.rejected, ['evidence lines 0, -3, which were not shown']);
    });

    it('a reason that cites a line not shown, in each of the forms models write', () => {
      for (const reason of ['The host is checked on line 3.', 'See lines 2-4 for the allow-list.', 'Lines 12 to 14 sanitise it.', 'Sanitised at L40.', 'Checked at lines 9, 10 and 30.', 'As L10-L13 show, it is quoted.']) {
        const checked = verifyVerdict(answer({ verdict: 'false-positive', reason }), shown);
        assert.equal(checked.verdict, 'unsure', reason);
        assert.equal(checked.rejected.length, 1, reason);
        assert.match(checked.rejected[0], /^the reason cites lines? [\d, ]+, which w(as|ere) not shown \(".+"\)$/, reason);
      }
    });

    it('a fix hint that cites a line not shown', () => {
      const checked = verifyVerdict(answer({ fix_hint: 'Reuse the helper on line 80.' }), shown);
      assert.equal(checked.verdict, 'unsure');
      assert.deepEqual(checked.rejected, ['the fix hint cites line 80, which was not shown ("line 80")']);
    });

    it('a verdict either way that points at no evidence', () => {
      for (const verdict of ['true-positive', 'false-positive'] as const) {
        const checked = verifyVerdict(answer({ verdict, evidence_lines: [] }), shown);
        assert.equal(checked.verdict, 'unsure');
        assert.deepEqual(checked.rejected, [`a ${verdict} verdict needs at least one evidence line that was shown`]);
      }
    });

    it('every failure at once, each reason kept for the log', () => {
      const checked = verifyVerdict(answer({ verdict: 'false-positive', evidence_lines: [1, 2], reason: 'Line 5 validates it.', fix_hint: 'See L99.' }), shown);
      assert.equal(checked.verdict, 'unsure');
      assert.equal(checked.rejected.length, 4, checked.rejected.join('\n'));
    });
  });

  describe('line citations in prose', () => {
    it('reads single lines, ranges either way round, lists and the short form', () => {
      const cited = (text: string) => lineCitations(text).flatMap((citation) => citation.lines);
      assert.deepEqual(cited('line 12'), [12]);
      assert.deepEqual(cited('Lines 5-3'), [3, 4, 5]);
      assert.deepEqual(cited('lines 3 to 5, and 9'), [3, 4, 5, 9]);
      assert.deepEqual(cited('L7–L9'), [7, 8, 9]);
      assert.deepEqual(cited('line 2 and line 4'), [2, 4]);
    });

    it('leaves alone numbers that are not line numbers', () => {
      assert.deepEqual(lineCitations('CWE-78 in Python 3 with l1 and HTML5; the pipelines 4 run line-by-line'), []);
    });
  });
});
