// Shared pieces for provider tests: a prompt, settings for a server under test, and an error matcher.
import * as assert from 'node:assert/strict';
import { ModelError, type ModelErrorKind } from '../../src/model/errors';
import type { PromptParts } from '../../src/model/prompts';
import { resolveModelSettings, type ModelSettings, type ServerSettings } from '../../src/model/settings';

export function question(prompt: string, task: PromptParts['task'] = 'explain'): PromptParts {
  return { task, systemPrompt: 'You review Python code.', prompt, promptTokens: 20, complex: false };
}

/** Settings for a server under test, without the environment: greedy sampling, so a request gives the same answer each time. */
export function providerSettings(server: Partial<ServerSettings>, maxTokens = 16, overrides: Partial<ModelSettings> = {}): ModelSettings {
  return { ...resolveModelSettings({ server, tasks: { explain: { temperature: 0, maxTokens }, review: { temperature: 0, maxTokens: 120 } } }, {}), ...overrides };
}

/** For assert.rejects: a ModelError of this kind, whose message matches when a pattern is given. */
export function modelError(kind: ModelErrorKind, message?: RegExp): (error: unknown) => boolean {
  return (error) => {
    if (!(error instanceof ModelError)) throw error;
    assert.equal(error.kind, kind, `expected a '${kind}' error, got '${error.kind}': ${error.message}`);
    if (message) assert.match(error.message, message);
    return true;
  };
}
