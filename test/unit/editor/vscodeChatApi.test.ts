// Feature detection of VS Code's chat APIs on the `vscode` module (or an object shaped like it):
// a VS Code without them gives an empty set and one line saying so; one with them gives functions
// bound to their namespaces. Plain Node: the module imports only types from `vscode`.
import * as assert from 'node:assert/strict';
import { messageText, missingChatApisNotice, vscodeChatApis } from '../../../src/editor/chat/vscodeChatApi';

class TextPart {
  constructor(readonly value: string) {}
}

describe('editor: VS Code chat API detection', () => {
  it('finds nothing on a VS Code without lm and chat, and says so in one line', () => {
    assert.deepEqual(vscodeChatApis({}), {});
    // VS Code 1.90 has vscode.lm, but without registerLanguageModelChatProvider.
    const old = vscodeChatApis({ lm: { selectChatModels: () => undefined }, chat: {} });
    assert.deepEqual(old, {});
    const notice = missingChatApisNotice(old, '1.90.0');
    assert.match(notice ?? '', /^This VS Code \(1\.90\.0\) lacks the language model provider API .* and the chat participant API .*; its own chat view works as before\.$/);
    assert.equal(notice!.split('\n').length, 1);
    assert.match(missingChatApisNotice({}) ?? '', /^This VS Code lacks/);
  });

  it('needs the text part class too before it offers the language model provider', () => {
    const apis = vscodeChatApis({ lm: { registerLanguageModelChatProvider: () => undefined } });
    assert.equal(apis.languageModels, undefined);
  });

  it('binds what it finds to its namespace', () => {
    const calls: string[] = [];
    const lm = {
      name: 'lm',
      registerLanguageModelChatProvider(this: { name: string }, vendor: string) {
        calls.push(`${this.name}:${vendor}`);
        return { dispose: () => undefined };
      },
    };
    const chat = {
      name: 'chat',
      createChatParticipant(this: { name: string }, id: string) {
        calls.push(`${this.name}:${id}`);
        return { id };
      },
    };
    const apis = vscodeChatApis({ lm, chat, LanguageModelTextPart: TextPart });
    assert.ok(apis.languageModels && apis.participants);
    apis.languageModels.registerLanguageModelChatProvider('llama-review', {} as never);
    apis.participants.createChatParticipant('llama-review.chat', () => undefined);
    assert.deepEqual(calls, ['lm:llama-review', 'chat:llama-review.chat']);
    assert.equal(new apis.languageModels.LanguageModelTextPart('x').value, 'x');
    assert.equal(missingChatApisNotice(apis, '1.139.1'), undefined);
    assert.doesNotMatch(missingChatApisNotice({ participants: apis.participants }, '1.95.0') ?? '', /participant/);
  });

  it("reads a message's text parts and passes over the others", () => {
    assert.equal(messageText('plain'), 'plain');
    assert.equal(messageText({ role: 1, name: undefined, content: [new TextPart('Why '), { callId: 'c1', content: [] }, new TextPart('this?')] }), 'Why this?');
  });
});
