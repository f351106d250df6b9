// A model security review's answer against the real analyzer's findings on the same file: verified
// items become model findings, repeats of a rule's finding on the same line merge into it (left
// out), repeats within the answer count once, and the log and notice count what was dropped.
import * as assert from 'node:assert/strict';
import { Analyzer } from '../../../src/analysis/engine';
import type { Finding } from '../../../src/analysis/finding';
import type { ReviewItem } from '../../../src/model/reviewAnswer';
import { reviewOutcome } from '../../../src/model/reviewOutcome';
import { combinedOutcome, droppedItemLine, reviewNotice, reviewSummary } from '../../../src/model/reviewReport';
import { deleteUserSpan, exportSpan, reviewSample } from '../../support/reviewSample';

describe('model review outcome', () => {
  let findings: Finding[];
  before(async () => {
    const analyzer = await Analyzer.create();
    try {
      findings = analyzer.analyze(reviewSample, 'python', {}).findings;
    } finally {
      analyzer.dispose();
    }
  });

  const sqlLine = 24;
  const items: ReviewItem[] = [
    // The taint rule's finding, said again: merged.
    { line: sqlLine, kind: 'injection', cwe: 89, message: 'The query is built from request input.', evidence: 'db.session.execute(query)' },
    // Same line, a kind the rules cover, another CWE: still theirs.
    { line: sqlLine, kind: 'injection', cwe: 943, message: 'Query logic from user input.', evidence: 'execute(query)' },
    // Same line, something the rules cannot see: shown.
    { line: sqlLine, kind: 'data-exposure', cwe: 200, message: 'Every column of every matching user is returned.', evidence: 'jsonify(rows=db.session.execute(query).fetchall())' },
    // The answer repeating itself: counted once.
    { line: sqlLine, kind: 'data-exposure', cwe: 200, message: 'All rows are returned.', evidence: '.fetchall()' },
    // Fabricated: not in the file.
    { line: 23, kind: 'injection', cwe: 78, message: 'Shell command from input.', evidence: 'subprocess.run(cmd, shell=True)' },
  ];

  it('finds the SQL query the taint rules report, so the merge has something to merge into', () => {
    assert.ok(findings.some((finding) => finding.ruleId === 'sql-injection' && finding.range.start.line === sqlLine - 1));
  });

  it('merges an item repeating a parse or taint finding on its line into it, and shows only the new one', () => {
    const outcome = reviewOutcome({ findings: items }, { text: reviewSample, span: exportSpan }, findings);
    assert.equal(outcome.findings.length, 1, outcome.findings.map((finding) => finding.message).join(' | '));
    const [shown] = outcome.findings;
    assert.deepEqual([shown.source, shown.ruleId, shown.category, shown.cwe, shown.range.start.line], ['model', 'model-review', 'security', 200, sqlLine - 1]);
    assert.equal(shown.confidence, 'low');
    assert.deepEqual(outcome.alreadyReported.map((repeat) => (repeat.repeats as Finding).ruleId), ['sql-injection', 'sql-injection']);
    assert.equal(outcome.duplicates.length, 1);
    assert.deepEqual(outcome.dropped.map((dropped) => dropped.reason), ['evidence-not-found']);
    // Without the rules' findings the injection item is new.
    assert.equal(reviewOutcome({ findings: items.slice(0, 1) }, { text: reviewSample, span: exportSpan }, []).findings.length, 1);
  });

  it('keeps an item of a kind beyond the rules on a finding\'s line unless it names the finding\'s CWE', () => {
    const sameCwe: ReviewItem = { line: sqlLine, kind: 'business-logic', cwe: 89, message: 'Anyone can search every user.', evidence: 'execute(query)' };
    const otherCwe: ReviewItem = { ...sameCwe, cwe: 840 };
    assert.equal(reviewOutcome({ findings: [sameCwe] }, { text: reviewSample, span: exportSpan }, findings).alreadyReported.length, 1);
    assert.equal(reviewOutcome({ findings: [otherCwe] }, { text: reviewSample, span: exportSpan }, findings).findings.length, 1);
  });

  it('logs one line per dropped item and a summary with the counts and reasons, and tells the user how many were dropped', () => {
    const exported = reviewOutcome({ findings: items }, { text: reviewSample, span: exportSpan }, findings);
    const deleted = reviewOutcome(
      { findings: [{ line: 14, kind: 'authentication', cwe: 306, message: 'No login check, unlike the other routes.', evidence: 'def delete_user(user_id):' }, { line: 15, kind: 'access-control', cwe: 4242, message: 'Admin from a parameter.', evidence: 'request.args.get("is_admin")' }] },
      { text: reviewSample, span: deleteUserSpan },
      findings,
    );
    assert.match(droppedItemLine(deleted.dropped[0]), /line 15 .*CWE-4242.*not a known weakness/);
    const both = combinedOutcome([exported, deleted]);
    assert.equal(both.findings.length, 2);
    const summary = reviewSummary(both, 'app.py');
    assert.match(summary, /: 7 items: 2 shown, 2 already reported by the rules, 1 repeat of another item, 2 dropped as unverifiable \(1 quoted code not found, 1 unknown CWE\)\./, summary);
    const notice = reviewNotice(both, 'app.py');
    assert.match(notice, /found 2 security problems in app\.py/);
    assert.match(notice, /2 items could not be verified against the code and were dropped/);
    assert.doesNotMatch(reviewNotice(deleted, 'lines 13-17'), /2 items/);
  });
});
