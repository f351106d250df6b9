// Loopback servers that speak just enough of the OpenAI chat API to misbehave on purpose: never
// answer, stall after the head, insist on a key, stay busy, refuse response_format. What the
// provider does with a well-behaved server is tested against the real llama-server instead.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  authorization?: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Set once the client's connection for this request has closed. */
  closed: boolean;
}

export interface Reply {
  request: ReceivedRequest;
  response: ServerResponse;
  /** 0-based number of the request among those this server received. */
  index: number;
}

export type Behaviour = (reply: Reply) => void;

const sseHead = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

function chunk(content: string, finishReason: string | null = null): string {
  return `data: ${JSON.stringify({ object: 'chat.completion.chunk', model: 'fake', choices: [{ index: 0, delta: content ? { content } : {}, finish_reason: finishReason }] })}\n\n`;
}

/** A well-formed streamed answer: the texts as separate events, then a finish reason and [DONE]. */
export function streamedAnswer(texts: readonly string[] = ['Hello', ', ', 'world']): Behaviour {
  return ({ response }) => {
    response.writeHead(200, sseHead);
    for (const text of texts) response.write(chunk(text));
    response.write(chunk('', 'stop'));
    response.end('data: [DONE]\n\n');
  };
}

/** Accepts the connection and reads the request, and never answers. */
export const silent: Behaviour = () => undefined;

/** Sends the SSE head and one event, then nothing, keeping the connection open. */
export const stallAfterHead: Behaviour = ({ response }) => {
  response.writeHead(200, sseHead);
  response.write(chunk('Hel'));
};

/** Sends text events slowly, forever (until the client leaves). */
export const endlessStream: Behaviour = ({ response, request }) => {
  response.writeHead(200, sseHead);
  const timer = setInterval(() => {
    if (request.closed) clearInterval(timer);
    else response.write(chunk('tok '));
  }, 20);
  response.on('close', () => clearInterval(timer));
};

export function status(code: number, options: { retryAfter?: string; body?: string } = {}): Behaviour {
  return ({ response }) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.retryAfter !== undefined) headers['retry-after'] = options.retryAfter;
    response.writeHead(code, headers).end(options.body ?? JSON.stringify({ error: { message: `status ${code}`, code } }));
  };
}

/** 401 unless the request carries `Authorization: Bearer <key>`, like llama-server --api-key. */
export function requireKey(key: string, then: Behaviour): Behaviour {
  return (reply) => {
    if (reply.request.authorization === `Bearer ${key}`) then(reply);
    else status(401, { body: JSON.stringify({ error: { message: 'Invalid API Key', type: 'authentication_error', code: 401 } }) })(reply);
  };
}

/** The behaviours in turn, the last one for every later request. */
export function inTurn(...behaviours: Behaviour[]): Behaviour {
  return (reply) => behaviours[Math.min(reply.index, behaviours.length - 1)](reply);
}

/** 400 naming response_format when the request has one, as servers without structured output do. */
export function withoutResponseFormat(then: Behaviour): Behaviour {
  return (reply) => {
    if ('response_format' in (JSON.parse(reply.request.body || '{}') as object)) status(400, { body: JSON.stringify({ error: { message: "Unrecognized request argument supplied: response_format" } }) })(reply);
    else then(reply);
  };
}

/** A loopback server whose every answer comes from `behaviour`; it records what it received. */
export class ChatServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  readonly received: ReceivedRequest[] = [];
  port = 0;

  constructor(private readonly behaviour: Behaviour) {
    this.server = createServer((request, response) => this.handle(request, response));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (data: string) => (body += data));
    request.on('end', () => {
      const received: ReceivedRequest = { method: request.method ?? '', path: request.url ?? '', authorization: request.headers.authorization, headers: request.headers, body, closed: false };
      this.received.push(received);
      response.on('close', () => (received.closed = true));
      this.behaviour({ request: received, response, index: this.received.length - 1 });
    });
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
