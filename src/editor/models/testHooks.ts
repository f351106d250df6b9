// Narrow hooks for the integration tests, reachable only through the extension's exports in
// extension mode Test. They never change what a user's session does.
import * as vscode from 'vscode';
import type { PromptParts } from '../../model/prompts';
import type { TranscriptTurn } from '../../model/provider';
import { transcriptOf } from '../chat/chatParticipant';

/** Returns text to stream instead of asking the model (for payloads a tiny model cannot be made to write), or undefined to ask it. */
export type AnswerOverride = (prompt: PromptParts) => string | undefined;

/** Messages shown to the user, newest last, so a test can check that exactly one clear message appeared. */
export class ShownMessages {
  readonly messages: string[] = [];
  /** The buttons of each message, at the same index. */
  readonly buttons: string[][] = [];

  record(message: string, buttons: readonly string[] = []): void {
    this.messages.push(message);
    this.buttons.push([...buttons]);
    if (this.messages.length > 50) {
      this.messages.shift();
      this.buttons.shift();
    }
  }
}

/** A quick pick as the user saw it: its title and items (labels, descriptions, details), in order. */
export interface ShownPick {
  title: string;
  items: Array<{ label: string; description?: string; detail?: string }>;
}

/** Quick picks shown, newest last, so a test can check the Choose Model list without driving the UI. */
export class ShownPicks {
  readonly picks: ShownPick[] = [];

  record(pick: ShownPick): void {
    this.picks.push(pick);
    if (this.picks.length > 20) this.picks.shift();
  }
}

/** Notices still on screen: those that last until what they are about is decided (Notices.showUntil). */
export class OpenNotices {
  private readonly open = new Map<number, string>();
  private nextId = 0;

  /** Returns the function that marks the notice closed. */
  opened(message: string): () => void {
    const id = this.nextId++;
    this.open.set(id, message);
    return () => this.open.delete(id);
  }

  list(): string[] {
    return [...this.open.values()];
  }
}

/** One request to @llama-review as the participant answered it: what it was given and what it streamed, in order. */
export interface ChatResponseSeen {
  command?: string;
  prompt: string;
  /** The chat's earlier turns with the participant, as the model got them. */
  history: TranscriptTurn[];
  /** Each call on the response stream: `markdown`, `reference`, `button`, `progress`, ..., with its text. */
  parts: Array<{ kind: string; text: string }>;
  /** Set when the handler has finished. */
  result?: vscode.ChatResult;
  error?: string;
}

/** What the first argument of a response stream call shows: Markdown's text, a location's file and line, a button's title. */
function streamedText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof vscode.MarkdownString) return value.value;
  if (value instanceof vscode.Location) return `${value.uri.toString()}:${value.range.start.line + 1}-${value.range.end.line}`;
  if (value instanceof vscode.Uri) return value.toString();
  return (value as { title?: string } | undefined)?.title ?? '';
}

/** The participant's responses, newest last: its handler, wrapped, tees every stream call into one. */
export class ChatResponses {
  readonly responses: ChatResponseSeen[] = [];

  recording(handler: vscode.ChatRequestHandler): vscode.ChatRequestHandler {
    return async (request, context, stream, token) => {
      const seen: ChatResponseSeen = { command: request.command, prompt: request.prompt, history: transcriptOf(context), parts: [] };
      this.responses.push(seen);
      if (this.responses.length > 20) this.responses.shift();
      // VS Code freezes the stream, so the proxy stands on an empty object and reads from the stream.
      const teed = new Proxy({} as vscode.ChatResponseStream, {
        get: (_empty, key) => {
          const member: unknown = Reflect.get(stream, key);
          if (typeof member !== 'function') return member;
          return (...args: unknown[]) => {
            seen.parts.push({ kind: String(key), text: streamedText(args[0]) });
            return member.apply(stream, args);
          };
        },
      });
      try {
        seen.result = (await handler(request, context, teed, token)) ?? {};
        return seen.result;
      } catch (error) {
        seen.error = error instanceof Error ? error.message : String(error);
        throw error;
      }
    };
  }
}
