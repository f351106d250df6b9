import * as assert from 'node:assert/strict';
import { backoffMs, firstBackoffMs, longestBackoffMs, retryAfterMs } from '../../../../src/model/openai/retryPolicy';
import { endpoint, isLoopbackHost } from '../../../../src/model/openai/serverAddress';

describe('openai provider retry policy and server address', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    assert.equal(retryAfterMs('2', now), 2000);
    assert.equal(retryAfterMs('0.5', now), 500);
    assert.equal(retryAfterMs('Tue, 01 Dec 2026 12:00:03 GMT', now), 3000);
    assert.equal(retryAfterMs('Tue, 01 Dec 2026 11:00:00 GMT', now), 0);
    assert.equal(retryAfterMs(undefined, now), undefined);
    assert.equal(retryAfterMs('soon', now), undefined);
  });

  it('backs off exponentially, follows Retry-After, and caps every wait', () => {
    assert.deepEqual([0, 1, 2].map((retry) => backoffMs(retry)), [firstBackoffMs, firstBackoffMs * 2, firstBackoffMs * 4]);
    assert.equal(backoffMs(0, '3'), 3000);
    assert.equal(backoffMs(0, '3600'), longestBackoffMs);
    assert.equal(backoffMs(30), longestBackoffMs);
  });

  it('counts only loopback addresses as this machine', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '[::1]', '::1', '[::ffff:7f00:1]']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['10.0.0.5', '192.168.1.10', '128.0.0.1', 'gpu-box', 'localhost.example.com', 'evil.localhost', '[::2]', '[fe80::1]', '[::ffff:a00:1]']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
    assert.equal(isLoopbackHost(new URL('http://[::ffff:127.0.0.1]:80/').hostname), true);
  });

  it('joins endpoints onto the base URL without losing its path', () => {
    assert.equal(endpoint(new URL('http://host:8080/v1'), 'models').href, 'http://host:8080/v1/models');
    assert.equal(endpoint(new URL('http://host:8080/v1/'), 'chat/completions').href, 'http://host:8080/v1/chat/completions');
    assert.equal(endpoint(new URL('https://proxy/team/llm/v1?route=a'), 'models').href, 'https://proxy/team/llm/v1/models?route=a');
  });
});
