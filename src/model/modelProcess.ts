// The model child process: the in-process host behind the message protocol. The extension forks
// the bundled dist/modelProcess.js; a native crash here ends this process, not the editor.
// Started as: node modelProcess.js '<EngineOptions as JSON>'
import { InProcessHost } from './host';
import { modelLogLevel } from './modelLog';
import { isParentMessage, serializeError, type ChildMessage, type RequestMessage } from './protocol';
import type { EngineOptions } from './requests';

function send(message: ChildMessage): void {
  process.send?.(message);
}

/** Longest a streamed chunk waits to share a message with the chunks after it. */
const tokenBatchMs = 8;

/**
 * At hundreds of tokens a second, a message per token costs both processes more than decoding
 * does. The first chunk goes at once (time to first token); later ones within a few milliseconds
 * travel together, which the eye cannot tell from one at a time.
 */
class TokenBatcher {
  private buffer = '';
  private window?: NodeJS.Timeout;

  constructor(private readonly deliver: (text: string) => void) {}

  push(text: string): void {
    if (this.window) {
      this.buffer += text;
      return;
    }
    this.deliver(text);
    this.window = setTimeout(() => this.flush(), tokenBatchMs);
  }

  /** Sends what is waiting; called when the window closes and before the answer is done. */
  flush(): void {
    clearTimeout(this.window);
    this.window = undefined;
    if (this.buffer) this.deliver(this.buffer);
    this.buffer = '';
  }
}

async function answer(host: InProcessHost, message: RequestMessage, signal: AbortSignal): Promise<unknown> {
  const { id } = message;
  switch (message.method) {
    case 'load':
      return host.load(message.params, { signal, onProgress: (fraction) => send({ type: 'progress', id, fraction }) });
    case 'generate': {
      const tokens = new TokenBatcher((text) => send({ type: 'token', id, text }));
      try {
        return await host.generate(message.params, { signal, onText: (text) => tokens.push(text) });
      } finally {
        tokens.flush();
      }
    }
    case 'endConversation':
      return host.endConversation(message.params.conversationId);
    case 'unload':
      return host.unload();
    case 'describeMachine':
      return host.describeMachine();
  }
}

function serve(options: EngineOptions): void {
  // llama.cpp's lines go to the parent's log at their own level (the engine asks for warnings and up).
  const host = new InProcessHost(options, (level, message) => send({ type: 'log', id: 0, level: modelLogLevel(level), message: `llama.cpp: ${message}` }));
  const running = new Map<number, AbortController>();
  process.on('message', (message: unknown) => {
    if (!isParentMessage(message)) return;
    if (message.type === 'cancel') {
      running.get(message.id)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(message.id, controller);
    answer(host, message, controller.signal).then(
      (result) => send({ type: 'done', id: message.id, result }),
      (error: unknown) => send({ type: 'error', id: message.id, error: serializeError(error) }),
    ).finally(() => running.delete(message.id));
  });
  // The parent went away (closed the channel or died): release the model and leave.
  process.on('disconnect', () => {
    void host.dispose().finally(() => process.exit(0));
  });
}

serve(JSON.parse(process.argv[2] ?? '{}') as EngineOptions);
