// One context sequence and chat session per conversation, so a follow-up question only evaluates
// its new tokens: the conversation's earlier prompt stays in the sequence's KV cache. The pool is
// small (each context holds its own KV cache) and drops the least recently used conversation.
import type { LoraAdapter } from './catalogSchema';
import type { ChatWrapper, LlamaChatSession, LlamaContext, LlamaContextSequence, LlamaModel, LlamaModule } from './llamaModule';

export interface Conversation {
  id: string;
  context: LlamaContext;
  sequence: LlamaContextSequence;
  session: LlamaChatSession;
  lastUsed: number;
  /** Requests of one conversation run one after another. */
  queue: Promise<unknown>;
  answered: boolean;
}

export interface ConversationSettings {
  llamaCpp: LlamaModule;
  model: LlamaModel;
  chatWrapper: ChatWrapper;
  threads: number;
  lora?: LoraAdapter;
  capacity: number;
}

/** Requests without a conversation id share this one; its history is cleared before each. */
export const oneShotConversationId = '';

export class ConversationPool {
  private readonly conversations = new Map<string, Promise<Conversation>>();
  private clock = 0;

  constructor(private readonly settings: ConversationSettings) {}

  createContext(contextSize: number): Promise<LlamaContext> {
    const { model, threads, lora } = this.settings;
    return model.createContext({
      contextSize,
      threads,
      lora: lora ? { adapters: [{ filePath: lora.path, scale: lora.scale ?? 1 }] } : undefined,
    });
  }

  /** Adopts a context made elsewhere (the load-time trial) for a conversation. */
  adopt(id: string, context: LlamaContext, systemPrompt: string): void {
    this.conversations.set(id, Promise.resolve(this.wrap(id, context, systemPrompt)));
  }

  private wrap(id: string, context: LlamaContext, systemPrompt: string): Conversation {
    const sequence = context.getSequence();
    const session = this.newSession(sequence, systemPrompt);
    return { id, context, sequence, session, lastUsed: ++this.clock, queue: Promise.resolve(), answered: false };
  }

  private newSession(sequence: LlamaContextSequence, systemPrompt: string): LlamaChatSession {
    return new this.settings.llamaCpp.LlamaChatSession({ contextSequence: sequence, chatWrapper: this.settings.chatWrapper, systemPrompt, autoDisposeSequence: false });
  }

  private async open(id: string, contextSize: number, systemPrompt: string): Promise<Conversation> {
    await this.makeRoom(id);
    return this.wrap(id, await this.createContext(contextSize), systemPrompt);
  }

  /**
   * Runs `work` on the conversation `id` after its earlier requests; a new conversation gets a
   * context of `contextSize` tokens and `systemPrompt` (later system prompts are ignored).
   */
  async use<T>(id: string, contextSize: number, systemPrompt: string, work: (conversation: Conversation) => Promise<T>): Promise<T> {
    let opening = this.conversations.get(id);
    if (opening && id === oneShotConversationId) {
      // One-shot requests keep no history, so a prompt that needs more room gets a bigger context.
      const existing = await opening.catch(() => undefined);
      if (!existing || existing.context.contextSize < contextSize) {
        await this.end(id);
        opening = undefined;
      }
    }
    if (!opening) {
      opening = this.open(id, contextSize, systemPrompt);
      this.conversations.set(id, opening);
      opening.catch(() => this.conversations.delete(id));
    }
    const conversation = await opening;
    conversation.lastUsed = ++this.clock;
    const run = conversation.queue.then(() => {
      if (id === oneShotConversationId && conversation.answered) {
        // A fresh session on the same sequence: no shared history, yet the evaluated prefix
        // (chat template and system prompt) is still reused where it matches.
        conversation.session.dispose({ disposeSequence: false });
        conversation.session = this.newSession(conversation.sequence, systemPrompt);
      }
      conversation.answered = true;
      return work(conversation);
    });
    conversation.queue = run.catch(() => undefined);
    return run;
  }

  /** Ends the least recently used conversations until `openingId` fits. */
  private async makeRoom(openingId: string): Promise<void> {
    const others = () => [...this.conversations.entries()].filter(([id]) => id !== openingId).map(([, opening]) => opening);
    while (others().length >= this.settings.capacity) {
      const open = await Promise.all(others().map((opening) => opening.catch(() => undefined)));
      const oldest = open.filter((conversation) => conversation !== undefined).sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (!oldest) return;
      await this.end(oldest.id);
    }
  }

  async end(id: string): Promise<void> {
    const opening = this.conversations.get(id);
    if (!opening) return;
    this.conversations.delete(id);
    const conversation = await opening.catch(() => undefined);
    if (!conversation) return;
    await conversation.queue;
    conversation.session.dispose({ disposeSequence: true });
    await conversation.context.dispose();
  }

  async clear(): Promise<void> {
    await Promise.all([...this.conversations.keys()].map((id) => this.end(id)));
  }
}
