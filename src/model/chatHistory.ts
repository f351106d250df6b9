// The local engine keeps a chat session per conversation, but the caller owns the conversation:
// each request brings the whole history. When the session's own copy matches, nothing is replayed
// and the evaluated tokens are reused as they are; when it is gone (idle unload, a restarted child,
// eviction) or differs (the caller trimmed it), the request's history replaces it, and
// node-llama-cpp still reuses the sequence's tokens up to the first difference.
import type { LlamaChatSession } from './llamaModule';
import type { TranscriptTurn } from './provider';

type ChatHistory = ReturnType<LlamaChatSession['getChatHistory']>;
type ChatHistoryItem = ChatHistory[number];

function itemText(item: ChatHistoryItem): string {
  if (item.type === 'model') return item.response.filter((part): part is string => typeof part === 'string').join('');
  return typeof item.text === 'string' ? item.text : JSON.stringify(item.text);
}

export function historyItems(systemPrompt: string, history: readonly TranscriptTurn[]): ChatHistory {
  return [
    { type: 'system', text: systemPrompt },
    ...history.map((turn): ChatHistoryItem => (turn.role === 'user' ? { type: 'user', text: turn.text } : { type: 'model', response: [turn.text] })),
  ];
}

function sameHistory(a: ChatHistory, b: ChatHistory): boolean {
  return a.length === b.length && a.every((item, index) => item.type === b[index].type && itemText(item) === itemText(b[index]));
}

/** Makes the session hold exactly `history` before the next prompt; true when it had to be replaced. */
export function adoptHistory(session: LlamaChatSession, systemPrompt: string, history: readonly TranscriptTurn[]): boolean {
  const wanted = historyItems(systemPrompt, history);
  if (sameHistory(session.getChatHistory(), wanted)) return false;
  session.setChatHistory(wanted);
  return true;
}
