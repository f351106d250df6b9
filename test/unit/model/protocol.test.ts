import * as assert from 'node:assert/strict';
import { ModelError, NoModelAvailableError } from '../../../src/model/errors';
import { deserializeError, isChildMessage, isParentMessage, serializeError } from '../../../src/model/protocol';

describe('model child-process protocol', () => {
  it('accepts well-formed messages and ignores anything else', () => {
    assert.ok(isParentMessage({ type: 'request', id: 1, method: 'generate', params: { prompt: 'hi' } }));
    assert.ok(isParentMessage({ type: 'cancel', id: 1 }));
    assert.ok(!isParentMessage({ type: 'request', id: 1, method: 'rm -rf', params: {} }));
    assert.ok(!isParentMessage('request'));
    assert.ok(isChildMessage({ type: 'token', id: 3, text: 'x' }));
    assert.ok(isChildMessage({ type: 'progress', id: 3, fraction: 0.5 }));
    assert.ok(isChildMessage({ type: 'done', id: 3, result: undefined }));
    assert.ok(isChildMessage({ type: 'error', id: 3, error: { kind: 'internal', message: 'x' } }));
    assert.ok(!isChildMessage({ type: 'token', id: 3 }));
  });

  it('carries errors across with their kind and fallback attempts', () => {
    const original = new NoModelAvailableError([{ modelId: 'a', reason: 'not downloaded', stage: 'missing' }]);
    const copy = deserializeError(JSON.parse(JSON.stringify(serializeError(original))));
    assert.ok(copy instanceof NoModelAvailableError);
    assert.equal(copy.message, original.message);
    assert.deepEqual(copy.attempts, original.attempts);
    const plain = deserializeError(serializeError(new Error('boom')));
    assert.ok(plain instanceof ModelError);
    assert.equal(plain.kind, 'internal');
  });
});
