// The model status bar item's words: every state names the model once one is known (answering,
// stopped, failed included), and the screen-reader label is plain text.
import * as assert from 'node:assert/strict';
import { describeModelState, type ModelState } from '../../../src/editor/models/modelState';
import { describeServer } from '../../../src/model/openai/serverDescription';

const names: Record<string, string> = { 'codellama-7b': 'CodeLlama 7B Instruct' };
const nameOf = (id: string) => names[id] ?? id;

const namedStates: ModelState[] = [
  { kind: 'idle', modelId: 'codellama-7b' },
  { kind: 'not-downloaded', modelId: 'codellama-7b' },
  { kind: 'downloading', modelId: 'codellama-7b', fraction: 0.42 },
  { kind: 'loading', modelId: 'codellama-7b', fraction: 0.5 },
  { kind: 'ready', modelId: 'codellama-7b' },
  { kind: 'ready', modelId: 'codellama-7b', stopped: true },
  { kind: 'generating', modelId: 'codellama-7b' },
  { kind: 'failed', modelId: 'codellama-7b', reason: 'the model process exited' },
];

const allStates: ModelState[] = [...namedStates, { kind: 'idle' }, { kind: 'loading' }, { kind: 'unavailable', reason: 'no model in the catalog fits this machine' }];

describe('editor: model status text', () => {
  it('says where answers go when a server answers, and whether code leaves the machine', () => {
    const remote = describeServer({ baseUrl: 'http://gpu-box.example:8080/v1' });
    const loopback = describeServer({ baseUrl: 'http://127.0.0.1:8080/v1' });
    for (const state of allStates) {
      const away = describeModelState(state, nameOf, remote);
      assert.match(away.tooltip, /gpu-box\.example:8080.*sent to that machine/, `${state.kind}: ${away.tooltip}`);
      assert.match(away.accessibilityLabel, /sent to that machine/);
      assert.match(away.text, /\$\(remote\)/);
      assert.match(describeModelState(state, nameOf, loopback).tooltip, /127\.0\.0\.1:8080, on this machine; nothing leaves it/);
      assert.doesNotMatch(describeModelState(state, nameOf).tooltip, /server/, 'the local model says nothing of servers');
    }
  });

  it('names the model in the text, tooltip and label of every state that has one', () => {
    for (const state of namedStates) {
      const shown = describeModelState(state, nameOf);
      for (const [part, value] of Object.entries(shown)) assert.match(value, /CodeLlama 7B Instruct/, `${state.kind}: ${part} "${value}"`);
    }
  });

  it('says what the model is doing while it answers, and keeps the name after Stop and after an error', () => {
    const answering = describeModelState({ kind: 'generating', modelId: 'codellama-7b' }, nameOf);
    assert.equal(answering.text, '$(loading~spin) CodeLlama 7B Instruct: answering…');
    const stopped = describeModelState({ kind: 'ready', modelId: 'codellama-7b', stopped: true }, nameOf);
    assert.equal(stopped.text, '$(hubot) CodeLlama 7B Instruct');
    assert.match(stopped.tooltip, /stopped/);
    const failed = describeModelState({ kind: 'failed', modelId: 'codellama-7b', reason: 'the model process exited' }, nameOf);
    assert.equal(failed.text, '$(warning) CodeLlama 7B Instruct: last request failed');
    assert.match(failed.tooltip, /the model process exited/);
  });

  it('shows progress in whole percent', () => {
    assert.equal(describeModelState({ kind: 'downloading', modelId: 'codellama-7b', fraction: 0.426 }, nameOf).text, '$(sync~spin) CodeLlama 7B Instruct: downloading 42%');
    assert.equal(describeModelState({ kind: 'loading', modelId: 'codellama-7b' }, nameOf).text, '$(loading~spin) CodeLlama 7B Instruct: loading');
  });

  it('falls back to the id for a model the catalog does not name, and to "Model" before one is known', () => {
    assert.equal(describeModelState({ kind: 'ready', modelId: 'local-mine' }, nameOf).text, '$(hubot) local-mine');
    assert.equal(describeModelState({ kind: 'unavailable', reason: 'x' }, nameOf).text, '$(circle-slash) Model: unavailable');
  });

  it('gives screen readers plain text: no codicons, no Markdown', () => {
    for (const state of allStates) {
      const { accessibilityLabel } = describeModelState(state, nameOf);
      assert.doesNotMatch(accessibilityLabel, /\$\(|`|\*\*|\]\(/, `${state.kind}: "${accessibilityLabel}"`);
      assert.match(accessibilityLabel, /^Llama Review model: /);
    }
  });
});
