// Narrow hooks for the integration tests, reachable only through the extension's exports in
// extension mode Test. They never change what a user's session does.
import type { PromptParts } from '../../model/prompts';

/** Returns text to stream instead of asking the model (for payloads a tiny model cannot be made to write), or undefined to ask it. */
export type AnswerOverride = (prompt: PromptParts) => string | undefined;

/** Messages shown to the user, newest last, so a test can check that exactly one clear message appeared. */
export class ShownMessages {
  readonly messages: string[] = [];

  record(message: string): void {
    this.messages.push(message);
    if (this.messages.length > 50) this.messages.shift();
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
