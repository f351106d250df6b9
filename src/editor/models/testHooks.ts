// Narrow hooks for the integration tests, reachable only through the extension's exports in
// extension mode Test. They never change what a user's session does.
import type { PromptParts } from '../../model/prompts';

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
