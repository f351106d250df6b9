// The model security review end to end with the real tiny GGUF: the prompt (with the sibling
// routes' headers), the answer held to the review schema by the grammar, and every item either
// verified against the code or dropped. The tiny model writes gibberish, so this pins the
// structure, never the wording: whatever survives must really be in the reviewed lines.
import * as assert from 'node:assert/strict';
import { ModelError } from '../../../src/model/errors';
import { isKnownCwe } from '../../../src/model/knownCwes';
import { reviewPrompt } from '../../../src/model/prompts';
import { reviewAnswerSchema, type ReviewAnswer } from '../../../src/model/reviewAnswer';
import { reviewOutcome } from '../../../src/model/reviewOutcome';
import { evidenceKey, verifyReviewItems } from '../../../src/model/reviewVerify';
import { loadRequestFor, useEngineFixture } from '../../support/modelFixtures';
import { deleteUserSpan, reviewSample } from '../../support/reviewSample';

describe('model security review (tiny GGUF, in process)', function () {
  this.timeout(180_000);
  const fixture = useEngineFixture();
  const lines = reviewSample.split('\n');

  it('holds every item of a real answer to the reviewed code', async () => {
    await fixture.engine.load(loadRequestFor(fixture.scratch.tinyModel, { contextSize: 2048 }));
    const prompt = reviewPrompt({ fileName: 'app.py', text: reviewSample, span: deleteUserSpan, siblingHeaders: [{ startLine: 6, endLine: 8 }, { startLine: 19, endLine: 21 }] });
    assert.ok(prompt.prompt.includes('def profile():'), 'the sibling route is in the prompt');
    // A few samplings: some answers the grammar cannot keep readable (digits past what a number
    // holds, or cut off at maxTokens) are refused whole; the rest are checked item by item.
    const readable: ReviewAnswer[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      try {
        const result = await fixture.engine.generate({ systemPrompt: prompt.systemPrompt, prompt: prompt.prompt, maxTokens: 400, temperature: 0.8, seed, contextSize: 2048, jsonSchema: reviewAnswerSchema() });
        readable.push(result.json as ReviewAnswer);
      } catch (error) {
        assert.ok(error instanceof ModelError && error.kind === 'invalid-output', String(error));
      }
    }
    assert.ok(readable.length > 0, 'no sampling gave a readable answer, so nothing was verified');
    for (const answer of readable) {
      const outcome = reviewOutcome(answer, { text: reviewSample, span: deleteUserSpan }, []);
      const accounted = outcome.findings.length + outcome.dropped.length + outcome.alreadyReported.length + outcome.duplicates.length;
      assert.equal(accounted, answer.findings.length, 'every item is shown, merged or dropped');
      for (const finding of outcome.findings) {
        assert.ok(finding.range.start.line >= deleteUserSpan.startLine && finding.range.start.line <= deleteUserSpan.endLine);
        assert.ok(isKnownCwe(finding.cwe!));
      }
      // Each kept item's quote really is the code at its range.
      for (const { item, range } of verifyReviewItems(answer.findings, { text: reviewSample, span: deleteUserSpan }).verified) {
        const atRange = lines.slice(range.start.line, range.end.line + 1).join('').replace(/\s+/g, '');
        assert.ok(atRange.includes(evidenceKey(item.evidence)), item.evidence);
      }
      for (const dropped of outcome.dropped) assert.ok(dropped.detail.length > 0);
    }
  });
});
