import * as assert from 'node:assert/strict';
import type { ModelLogLevel } from '../../../../src/model/modelLog';
import { OpenAiProvider } from '../../../../src/model/openai/openAiProvider';
import type { ServerSettings } from '../../../../src/model/settings';
import { ChatServer, endlessStream, inTurn, requireKey, silent, stallAfterHead, status, streamedAnswer, withoutResponseFormat, type Behaviour } from '../../../support/chatServers';
import { closedPort } from '../../../support/modelServer';
import { modelError, providerSettings, question } from '../../../support/providerFixtures';

/** Generous bounds for "fails in bounded time": far above the configured timeouts, far below the defaults. */
const boundFor = (timeoutMs: number) => timeoutMs * 10 + 2000;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; outcome: PromiseSettledResult<T> }> {
  const started = performance.now();
  const [outcome] = await Promise.allSettled([run()]);
  return { ms: performance.now() - started, outcome };
}

function rejection<T>(outcome: PromiseSettledResult<T>): unknown {
  assert.equal(outcome.status, 'rejected', 'expected the request to fail');
  return (outcome as PromiseRejectedResult).reason;
}

describe('openai provider against misbehaving loopback servers', function () {
  this.timeout(60_000);
  const servers: ChatServer[] = [];
  const providers: OpenAiProvider[] = [];

  async function serve(behaviour: Behaviour): Promise<ChatServer> {
    const server = await new ChatServer(behaviour).start();
    servers.push(server);
    return server;
  }

  function connect(server: Partial<ServerSettings>, log?: (level: ModelLogLevel, message: string) => void, logPrompts = false): OpenAiProvider {
    const provider = new OpenAiProvider(providerSettings({ model: 'fake', ...server }, 16, { logPrompts }), log);
    providers.push(provider);
    return provider;
  }

  afterEach(async () => {
    await Promise.all(providers.splice(0).map((provider) => provider.dispose()));
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  it('fails fast and unreachable when nothing listens on the port', async () => {
    const provider = connect({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1`, maxRetries: 5 });
    const { ms, outcome } = await timed(() => provider.ask({ prompt: question('Hello?') }));
    assert.ok(modelError('unreachable', /refused the connection/)(rejection(outcome)));
    assert.ok(ms < 5000, `a refused connection took ${Math.round(ms)} ms to report`);
  });

  it('gives up on a server that accepts and never answers after connectTimeoutMs', async () => {
    const server = await serve(silent);
    const provider = connect({ baseUrl: server.baseUrl, connectTimeoutMs: 300 });
    const { ms, outcome } = await timed(() => provider.ask({ prompt: question('Hello?') }));
    assert.ok(modelError('unreachable', /did not answer within 0\.3 s/)(rejection(outcome)));
    assert.ok(ms < boundFor(300), `took ${Math.round(ms)} ms`);
    assert.equal(server.received.length, 1);
  });

  it('gives up on a stream that stalls after its head after stallTimeoutMs', async () => {
    const server = await serve(stallAfterHead);
    const provider = connect({ baseUrl: server.baseUrl, stallTimeoutMs: 300 });
    const chunks: string[] = [];
    const { ms, outcome } = await timed(() => provider.ask({ prompt: question('Hello?') }, { onText: (text) => chunks.push(text) }));
    assert.ok(modelError('unreachable', /stopped sending for 0\.3 s/)(rejection(outcome)));
    assert.deepEqual(chunks, ['Hel']);
    assert.ok(ms < boundFor(300), `took ${Math.round(ms)} ms`);
  });

  it('closes the connection when the caller cancels mid-stream', async () => {
    const server = await serve(endlessStream);
    const provider = connect({ baseUrl: server.baseUrl });
    const controller = new AbortController();
    let chunks = 0;
    await assert.rejects(
      provider.ask({ prompt: question('Hello?') }, { signal: controller.signal, onText: () => ++chunks === 2 && controller.abort() }),
      modelError('aborted'),
    );
    const deadline = Date.now() + 10_000;
    while (!server.received[0].closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(server.received[0].closed, true, 'the server still holds the connection');
  });

  it('dispose cancels the requests in flight', async () => {
    const server = await serve(endlessStream);
    const provider = connect({ baseUrl: server.baseUrl });
    let resolveStarted: () => void;
    const started = new Promise<void>((resolve) => (resolveStarted = resolve));
    const running = provider.ask({ prompt: question('Hello?') }, { onText: () => resolveStarted() });
    await started;
    await provider.dispose();
    await assert.rejects(running, modelError('aborted'));
    await assert.rejects(provider.ask({ prompt: question('Again?') }), modelError('aborted'));
  });

  it('rejects a wrong API key, names the key setting, and never logs the key', async () => {
    const key = 'sk-test-0123456789abcdef';
    const server = await serve(requireKey(key, streamedAnswer()));
    const lines: string[] = [];
    const log = (level: string, message: string) => lines.push(`${level} ${message}`);
    const wrong = connect({ baseUrl: server.baseUrl, apiKey: `${key}-wrong`, headers: { 'x-team-token': 'team-secret-value' } }, log, true);
    await assert.rejects(wrong.ask({ prompt: question('Hello?') }), modelError('rejected', /API key.*LLAMA_REVIEW_API_KEY/));
    const right = connect({ baseUrl: server.baseUrl, apiKey: key, headers: { 'x-team-token': 'team-secret-value' } }, log, true);
    const answer = await right.ask({ prompt: question('Hello?') });
    assert.equal(answer.text, 'Hello, world');
    assert.equal(server.received[1].authorization, `Bearer ${key}`);
    assert.equal(server.received[1].headers['x-team-token'], 'team-secret-value');
    assert.ok(lines.some((line) => line.includes('Hello?')), 'logPrompts logs the prompt');
    assert.ok(lines.some((line) => line.includes('status=401')), 'the 401 is logged');
    for (const line of lines) {
      assert.ok(!line.includes(key), `the key is in the log: ${line}`);
      assert.ok(!line.includes('team-secret-value'), `a header value is in the log: ${line}`);
    }
  });

  it('does not log prompt text unless logPrompts is on', async () => {
    const server = await serve(streamedAnswer());
    const lines: string[] = [];
    const provider = connect({ baseUrl: server.baseUrl }, (_level, message) => lines.push(message));
    await provider.ask({ prompt: question('A private question about the code') });
    assert.ok(lines.length > 0);
    assert.ok(lines.every((line) => !line.includes('private question') && !line.includes('Hello, world')), lines.join('\n'));
  });

  it('retries a 429 (after its Retry-After) and then answers', async () => {
    const server = await serve(inTurn(status(429, { retryAfter: '0' }), streamedAnswer()));
    const lines: string[] = [];
    const provider = connect({ baseUrl: server.baseUrl, maxRetries: 2 }, (_level, message) => lines.push(message));
    const answer = await provider.ask({ prompt: question('Hello?') });
    assert.equal(answer.text, 'Hello, world');
    assert.equal(server.received.length, 2);
    assert.ok(lines.some((line) => /answered 429; retry 1 of 2/.test(line)), lines.join('\n'));
  });

  it('stops retrying a server that stays at 503 after maxRetries', async () => {
    const server = await serve(status(503));
    const provider = connect({ baseUrl: server.baseUrl, maxRetries: 2 });
    const { ms, outcome } = await timed(() => provider.ask({ prompt: question('Hello?') }));
    assert.ok(modelError('unreachable', /stayed busy \(503\) after 2 retries/)(rejection(outcome)));
    assert.equal(server.received.length, 3);
    assert.ok(ms < 20_000, `took ${Math.round(ms)} ms`);
  });

  it('names the URL and the model on a 404', async () => {
    const server = await serve(status(404));
    const provider = connect({ baseUrl: server.baseUrl, model: 'no-such-model' });
    await assert.rejects(provider.ask({ prompt: question('Hello?') }), modelError('rejected', /POST \/v1\/chat\/completions.*"no-such-model".*LLAMA_REVIEW_BASE_URL/));
  });

  it('asks again without response_format when the server refuses it, and remembers', async () => {
    const server = await serve(withoutResponseFormat(streamedAnswer(['{"ok"', ': true}'])));
    const provider = connect({ baseUrl: server.baseUrl });
    const schema = { type: 'object' as const, required: ['ok'], properties: { ok: { type: 'boolean' as const } } };
    const first = await provider.ask({ prompt: question('Is it fine?'), jsonSchema: schema });
    assert.deepEqual(first.json, { ok: true });
    assert.equal(server.received.length, 2);
    const retried = JSON.parse(server.received[1].body) as { response_format?: unknown; messages: { content: string }[] };
    assert.equal(retried.response_format, undefined);
    assert.match(retried.messages.at(-1)!.content, /JSON schema/);
    await provider.ask({ prompt: question('And now?'), jsonSchema: schema });
    assert.equal(server.received.length, 3, 'the second JSON request went without response_format at once');
  });

  it('checks a JSON answer against the schema as the local engine does', async () => {
    const server = await serve(streamedAnswer(['{"ok": "yes"}']));
    const provider = connect({ baseUrl: server.baseUrl });
    const schema = { type: 'object' as const, required: ['ok'], properties: { ok: { type: 'boolean' as const } } };
    await assert.rejects(provider.ask({ prompt: question('Is it fine?'), jsonSchema: schema }), modelError('invalid-output', /does not follow the expected format/));
  });

  it('sends system prompt, history and question as chat messages', async () => {
    const server = await serve(streamedAnswer());
    const provider = connect({ baseUrl: server.baseUrl });
    const answer = await provider.ask({ prompt: question('Second question'), history: [{ role: 'user', text: 'First question' }, { role: 'assistant', text: 'First answer' }] });
    // This server sends no usage: one token per text event, the prompt estimated from its text.
    assert.equal(answer.outputTokens, 3);
    assert.ok(answer.promptTokensEvaluated > question('Second question').promptTokens);
    const body = JSON.parse(server.received[0].body) as Record<string, unknown>;
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'You review Python code.' },
      { role: 'user', content: 'First question' },
      { role: 'assistant', content: 'First answer' },
      { role: 'user', content: 'Second question' },
    ]);
    assert.equal(body.model, 'fake');
    assert.equal(body.stream, true);
    assert.equal(body.temperature, 0);
    assert.equal(body.max_tokens, 16);
  });

  it('describes a server elsewhere as taking code off the machine', () => {
    const remote = connect({ baseUrl: 'https://gpu-box.example:8443/v1' });
    assert.deepEqual(remote.describe(), { kind: 'openai', label: 'OpenAI-compatible server at gpu-box.example:8443', codeLeavesMachine: true, host: 'gpu-box.example:8443' });
    assert.equal(connect({ baseUrl: 'http://localhost:8080/v1' }).describe().codeLeavesMachine, false);
    assert.equal(connect({ baseUrl: 'http://[::1]:8080/v1' }).describe().codeLeavesMachine, false);
  });

  it('rejects a missing base URL as a setting to fix', async () => {
    await assert.rejects(connect({ baseUrl: '' }).ask({ prompt: question('Hello?') }), modelError('rejected', /no server URL is set.*LLAMA_REVIEW_BASE_URL/));
  });
});
