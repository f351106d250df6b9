import * as assert from 'node:assert/strict';
import { defaultModelSettings, resolveModelSettings, SettingsError } from '../../../src/model/settings';

describe('model settings', () => {
  it('defaults to auto for GPU, threads and context size', () => {
    const settings = resolveModelSettings({}, {});
    assert.equal(settings.gpu, 'auto');
    assert.equal(settings.threads, 'auto');
    assert.equal(settings.contextSize, 'auto');
    assert.deepEqual(settings.tasks, defaultModelSettings.tasks);
  });

  it('merges per-task settings from the user', () => {
    const settings = resolveModelSettings({ threads: 2, tasks: { fix: { temperature: 0 } } }, {});
    assert.equal(settings.threads, 2);
    assert.deepEqual(settings.tasks.fix, { ...defaultModelSettings.tasks.fix, temperature: 0 });
    assert.deepEqual(settings.tasks.explain, defaultModelSettings.tasks.explain);
  });

  it('lets environment variables override settings for scripted use', () => {
    const settings = resolveModelSettings(
      { gpu: 'cuda', tasks: { review: { model: 'codellama-13b-instruct-q4km' } } },
      {
        LLAMA_REVIEW_GPU: 'off',
        LLAMA_REVIEW_THREADS: '3',
        LLAMA_REVIEW_CONTEXT_SIZE: 'auto',
        LLAMA_REVIEW_MODEL: 'qwen2.5-coder-7b-instruct-q4km',
        LLAMA_REVIEW_EXPLAIN_MODEL: 'tinyllama-1.1b-chat-q4km',
        LLAMA_REVIEW_EXPLAIN_MAX_TOKENS: '128',
        LLAMA_REVIEW_FIX_TEMPERATURE: '0.5',
        LLAMA_REVIEW_MODELS_DIR: '/data/models',
      },
    );
    assert.equal(settings.gpu, 'off');
    assert.equal(settings.threads, 3);
    assert.equal(settings.modelsFolder, '/data/models');
    assert.equal(settings.tasks.explain.model, 'tinyllama-1.1b-chat-q4km', 'the task variable beats the global one');
    assert.equal(settings.tasks.explain.maxTokens, 128);
    assert.equal(settings.tasks.review.model, 'qwen2.5-coder-7b-instruct-q4km', 'the environment beats the settings');
    assert.equal(settings.tasks.fix.temperature, 0.5);
  });

  it('routes to the local model unless told otherwise, and takes the server from settings and the environment', () => {
    assert.equal(resolveModelSettings({}, {}).provider, 'local');
    const fromSettings = resolveModelSettings({ provider: 'openai', server: { baseUrl: 'http://gpu:8080/v1', model: 'coder' }, tasks: { fix: { provider: 'local' } } }, {});
    assert.equal(fromSettings.server.baseUrl, 'http://gpu:8080/v1');
    assert.equal(fromSettings.server.stallTimeoutMs, defaultModelSettings.server.stallTimeoutMs, 'unset server keys keep their defaults');
    assert.equal(fromSettings.tasks.fix.provider, 'local');
    const fromEnv = resolveModelSettings(
      { server: { baseUrl: 'http://gpu:8080/v1' } },
      { LLAMA_REVIEW_PROVIDER: 'openai', LLAMA_REVIEW_BASE_URL: 'http://other:11434/v1', LLAMA_REVIEW_API_KEY: ' sk-test ', LLAMA_REVIEW_REVIEW_PROVIDER: 'local' },
    );
    assert.equal(fromEnv.provider, 'openai');
    assert.equal(fromEnv.server.baseUrl, 'http://other:11434/v1');
    assert.equal(fromEnv.server.apiKey, 'sk-test');
    assert.equal(fromEnv.tasks.review.provider, 'local');
    assert.throws(() => resolveModelSettings({}, { LLAMA_REVIEW_PROVIDER: 'cloud' }), (error: unknown) => error instanceof SettingsError && /LLAMA_REVIEW_PROVIDER must be one of local, openai/.test(error.message));
  });

  it('names the variable and the allowed values when one is wrong', () => {
    const wrong: [Record<string, string>, RegExp][] = [
      [{ LLAMA_REVIEW_GPU: 'rocm' }, /LLAMA_REVIEW_GPU must be one of auto, metal, cuda, vulkan, off; got "rocm"/],
      [{ LLAMA_REVIEW_THREADS: 'many' }, /LLAMA_REVIEW_THREADS must be a whole number from 1 to 1024; got "many"/],
      [{ LLAMA_REVIEW_FIX_TEMPERATURE: '3' }, /LLAMA_REVIEW_FIX_TEMPERATURE must be a number from 0 to 2; got "3"/],
      [{ LLAMA_REVIEW_REVIEW_MAX_TOKENS: '1.5' }, /LLAMA_REVIEW_REVIEW_MAX_TOKENS must be a whole number/],
    ];
    for (const [env, message] of wrong) {
      assert.throws(() => resolveModelSettings({}, env), (error: unknown) => error instanceof SettingsError && message.test(error.message));
    }
  });
});
