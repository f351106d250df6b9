// The verifier of model security review items, on a real Flask sample: made-up code, CWEs and
// lines are dropped with their reason; quoted code a line or two off moves the item to its line;
// whitespace and copied line-number gutters do not matter.
import * as assert from 'node:assert/strict';
import type { ReviewItem } from '../../../src/model/reviewAnswer';
import { nearbyLines, verifyReviewItems, type DropReason } from '../../../src/model/reviewVerify';
import { deleteUserSpan, reviewSample } from '../../support/reviewSample';

const code = { text: reviewSample, span: deleteUserSpan };
const sampleLines = reviewSample.split('\n');

function item(line: number, evidence: string, overrides: Partial<ReviewItem> = {}): ReviewItem {
  return { line, kind: 'access-control', cwe: 639, message: 'A request parameter decides who is an admin.', evidence, ...overrides };
}

function reasons(items: ReviewItem[]): DropReason[] {
  const { verified, dropped } = verifyReviewItems(items, code);
  assert.equal(verified.length, 0, `kept: ${verified.map((kept) => kept.item.evidence).join(' | ')}`);
  return dropped.map((entry) => entry.reason);
}

describe('model review verifier', () => {
  it('keeps an item whose quoted code is on its line, with the range of that code', () => {
    const { verified, dropped } = verifyReviewItems([item(15, 'request.args.get("is_admin") == "1"')], code);
    assert.deepEqual(dropped, []);
    assert.equal(verified.length, 1);
    const { range } = verified[0];
    assert.equal(verified[0].movedFrom, undefined);
    assert.equal(sampleLines[range.start.line].slice(range.start.column, range.end.column), 'request.args.get("is_admin") == "1"');
  });

  it('drops fabricated fragments: code that is not on the stated line or near it', () => {
    const fabricated = [
      item(15, 'os.system(cmd)', { kind: 'injection', cwe: 78 }),
      item(16, 'return user.password_hash', { kind: 'data-exposure', cwe: 200 }),
      item(15, 'if not current_user.is_admin:'),
      // On the sibling routes, shown to the model as context, but not in the reviewed lines.
      item(14, '@login_required', { kind: 'authentication', cwe: 306 }),
    ];
    const { verified, dropped } = verifyReviewItems(fabricated, code);
    assert.deepEqual(verified, []);
    assert.deepEqual(dropped.map((entry) => entry.reason), ['evidence-not-found', 'evidence-not-found', 'evidence-not-found', 'evidence-not-found']);
    assert.match(dropped[0].detail, /`os\.system\(cmd\)` is not on lines 13-17/);
  });

  it('moves an item whose code is two lines from the stated line to the line it is on', () => {
    const { verified } = verifyReviewItems([item(14, 'db.delete(user_id)')], code);
    assert.equal(verified.length, 1);
    assert.equal(verified[0].movedFrom, 14);
    assert.equal(verified[0].range.start.line, 15, 'moved to line 16 (0-based 15), where the code is');
    assert.equal(nearbyLines, 2);
  });

  it('drops an item whose code is further away than that', () => {
    // `return jsonify(deleted=user_id)` is line 17: three lines below line 14.
    assert.deepEqual(reasons([item(14, 'return jsonify(deleted=user_id)')]), ['evidence-not-found']);
  });

  it('drops an unknown CWE', () => {
    assert.deepEqual(reasons([item(15, 'request.args.get("is_admin")', { cwe: 99999 }), item(15, 'request.args.get("is_admin")', { cwe: 0 })]), ['unknown-cwe', 'unknown-cwe']);
  });

  it('drops a line outside the reviewed span, even when its code exists there', () => {
    assert.deepEqual(reasons([item(10, 'return jsonify(name=current_user.name)', { kind: 'data-exposure', cwe: 359 }), item(40, 'db.delete(user_id)'), item(Number.NaN, 'db.delete(user_id)')]), ['outside-span', 'outside-span', 'outside-span']);
  });

  it('drops quotes too short to prove anything, and items that say nothing', () => {
    assert.deepEqual(reasons([item(15, '('), item(16, ' id '), item(15, 'request.args', { message: '  ' })]), ['evidence-too-short', 'evidence-too-short', 'no-message']);
  });

  it('tolerates whitespace differences, a quote over two lines, backticks and copied line numbers', () => {
    const tolerated = [
      item(15, 'if request.args.get( "is_admin" )=="1" :'),
      item(15, 'if request.args.get("is_admin") == "1":\n        db.delete(user_id)'),
      item(16, '`db.delete(user_id)`'),
      item(16, ' 16 |         db.delete(user_id)'),
      item(14, 'def   delete_user(user_id):', { kind: 'authentication', cwe: 306 }),
    ];
    const { verified, dropped } = verifyReviewItems(tolerated, code);
    assert.deepEqual(dropped, []);
    assert.deepEqual(verified.map((kept) => kept.range.start.line), [14, 14, 15, 15, 13]);
    // The two-line quote ends on the line below.
    assert.equal(verified[1].range.end.line, 15);
    assert.equal(verified[1].range.end.column, sampleLines[15].length);
  });
});
