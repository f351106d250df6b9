import * as assert from 'node:assert/strict';
import { ChildProcessHost } from '../../../src/model/childHost';
import { ModelEngine } from '../../../src/model/engine';
import type { TranscriptTurn } from '../../../src/model/provider';
import type { GenerateRequest, GenerateResult } from '../../../src/model/requests';
import { transcriptTokens, trimTranscript } from '../../../src/model/transcript';
import { loadRequestFor, modelProcessScript, testEngineOptions, useEngineFixture } from '../../support/modelFixtures';

const code = Array.from({ length: 15 }, (_, index) => `    value_${index} = eval(data[${index}])`).join('\n');
const grounding = `Explain the findings in this function:\ndef handler(data):\n${code}\n`;

/** The first question with the code, then what a follow-up sends: the whole conversation so far. */
function followUp(history: readonly TranscriptTurn[], conversationId = 'talk'): GenerateRequest {
  return { conversationId, contextSize: 2048, history, prompt: 'Why?', maxTokens: 6, temperature: 0 };
}

async function groundedHistory(generate: (request: GenerateRequest) => Promise<GenerateResult>, conversationId = 'talk') {
  const first = await generate({ conversationId, contextSize: 2048, history: [], prompt: grounding, maxTokens: 6, temperature: 0 });
  const history: TranscriptTurn[] = [
    { role: 'user', text: grounding },
    { role: 'assistant', text: first.text },
  ];
  return { first, history };
}

describe('transcript: the caller owns the conversation', function () {
  this.timeout(120_000);

  describe('trimTranscript', () => {
    const turn = (role: TranscriptTurn['role'], size: number, tag: string): TranscriptTurn => ({ role, text: `${tag}:${'x'.repeat(size)}` });

    it('sends a short conversation whole', () => {
      const turns = [turn('user', 30, 'q1'), turn('assistant', 30, 'a1'), turn('user', 30, 'q2'), turn('assistant', 30, 'a2')];
      assert.deepEqual(trimTranscript(turns, 1000), turns);
    });

    it('keeps the grounding pair and the latest pairs, dropping whole pairs in between', () => {
      const turns = [turn('user', 300, 'q1'), turn('assistant', 30, 'a1')];
      for (let index = 2; index <= 9; index++) turns.push(turn('user', 90, `q${index}`), turn('assistant', 90, `a${index}`));
      const kept = trimTranscript(turns, 250);
      const tags = kept.map((item) => item.text.split(':')[0]);
      assert.deepEqual(tags.slice(0, 2), ['q1', 'a1'], 'the grounding stays');
      assert.equal(tags.at(-1), 'a9', 'the latest answer stays');
      assert.ok(tags.length < turns.length, 'something was dropped');
      for (let index = 0; index < kept.length; index += 2) assert.equal(kept[index].role, 'user', 'questions and answers stay paired');
      assert.ok(transcriptTokens(kept.slice(2)) <= 250 - transcriptTokens(kept.slice(0, 2)));
    });

    it('keeps the grounding even when it alone is over the budget', () => {
      const turns = [turn('user', 3000, 'q1'), turn('assistant', 30, 'a1'), turn('user', 30, 'q2'), turn('assistant', 30, 'a2')];
      assert.deepEqual(trimTranscript(turns, 100).map((item) => item.text.split(':')[0]), ['q1', 'a1']);
    });
  });

  describe('the local engine', () => {
    const fixture = useEngineFixture();
    before(() => fixture.engine.load(loadRequestFor(fixture.scratch.tinyModel)));

    it('reuses its own copy when the history matches: only the new question is evaluated', async () => {
      const { history } = await groundedHistory((request) => fixture.engine.generate(request), 'warm');
      const next = await fixture.engine.generate(followUp(history, 'warm'));
      assert.ok(next.promptTokensEvaluated < next.contextTokens / 2, `evaluated ${next.promptTokensEvaluated} of ${next.contextTokens}`);
      await fixture.engine.endConversation('warm');
    });

    it('replays the history after the conversation was evicted', async () => {
      const { first, history } = await groundedHistory((request) => fixture.engine.generate(request), 'evicted');
      // The pool keeps three conversations: three others push this one out.
      for (const other of ['a', 'b', 'c']) await fixture.engine.generate({ conversationId: other, prompt: 'Hi', maxTokens: 2 });
      const next = await fixture.engine.generate(followUp(history, 'evicted'));
      assert.ok(next.contextTokens > first.contextTokens, `the follow-up holds the code: ${next.contextTokens} tokens, the first answer ${first.contextTokens}`);
      assert.ok(next.promptTokensEvaluated >= first.promptTokensEvaluated, 'the code was evaluated again');
      for (const other of ['a', 'b', 'c', 'evicted']) await fixture.engine.endConversation(other);
    });

    it('replays the history after an idle unload', async () => {
      const idle = await ModelEngine.create({ ...testEngineOptions, idleUnloadMs: 100 });
      try {
        await idle.load(loadRequestFor(fixture.scratch.tinyModel));
        const { first, history } = await groundedHistory((request) => idle.generate(request));
        for (let waited = 0; idle.loadedModel && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
        assert.equal(idle.loadedModel, undefined, 'the model was unloaded');
        const next = await idle.generate(followUp(history));
        assert.ok(next.contextTokens > first.contextTokens, `the follow-up holds the code: ${next.contextTokens} tokens`);
      } finally {
        await idle.dispose();
      }
    });

    it('replaces its copy when the caller trimmed the conversation', async () => {
      const { history } = await groundedHistory((request) => fixture.engine.generate(request), 'trimmed');
      const long = await fixture.engine.generate(followUp(history, 'trimmed'));
      // The caller drops the grounding (as a budget might): the engine must not keep the code it no longer sends.
      const shorter = await fixture.engine.generate(followUp([{ role: 'user', text: 'Hello' }, { role: 'assistant', text: 'Hi.' }], 'trimmed'));
      assert.ok(shorter.contextTokens < long.contextTokens, `${shorter.contextTokens} tokens after trimming, ${long.contextTokens} before`);
      await fixture.engine.endConversation('trimmed');
    });
  });

  describe('the child-process host', () => {
    const fixture = useEngineFixture();

    it('replays the history in a new child after the old one was killed', async () => {
      const host = new ChildProcessHost({ scriptPath: modelProcessScript, engine: testEngineOptions });
      try {
        await host.load(loadRequestFor(fixture.scratch.tinyModel));
        const { first, history } = await groundedHistory((request) => host.generate(request));
        const pid = host.processId!;
        process.kill(pid, 'SIGKILL');
        for (let waited = 0; host.processId === pid && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
        const next = await host.generate(followUp(history));
        assert.notEqual(host.processId, pid, 'a new child answered');
        assert.ok(next.contextTokens > first.contextTokens, `the follow-up holds the code: ${next.contextTokens} tokens`);
      } finally {
        await host.dispose();
      }
    });
  });
});
