// A loopback HTTP server for download tests: serves one file with Range support, and can
// misbehave on request (cut the connection, stall, never answer, 404, redirect).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Misbehaviour =
  /** Send this many bytes of the body, then drop the connection. */
  | { kind: 'cut'; afterBytes: number }
  /** Send this many bytes, then keep the connection open without sending more. */
  | { kind: 'stall'; afterBytes: number }
  /** Accept the connection and never answer. */
  | { kind: 'silent' }
  | { kind: 'status'; status: number }
  | { kind: 'redirect'; location: string };

export class FileServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  /** Misbehaviours for the next requests, in order; then it serves normally. */
  readonly plan: Misbehaviour[] = [];
  readonly requests: { path: string; range?: string }[] = [];
  port = 0;

  constructor(readonly body: Buffer) {
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

  url(path = '/model.gguf'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    this.requests.push({ path: request.url ?? '', range: request.headers.range });
    const misbehaviour = this.plan.shift();
    if (misbehaviour?.kind === 'silent') return;
    if (misbehaviour?.kind === 'status') {
      response.writeHead(misbehaviour.status).end();
      return;
    }
    if (misbehaviour?.kind === 'redirect') {
      response.writeHead(302, { location: misbehaviour.location }).end();
      return;
    }
    const start = Number(/^bytes=(\d+)-$/.exec(request.headers.range ?? '')?.[1] ?? 0);
    const headers = { 'content-length': String(this.body.length - start), 'content-type': 'application/octet-stream' };
    if (start > 0) response.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${this.body.length - 1}/${this.body.length}` });
    else response.writeHead(200, headers);
    const rest = this.body.subarray(start);
    if (misbehaviour?.kind === 'cut' || misbehaviour?.kind === 'stall') {
      response.write(rest.subarray(0, misbehaviour.afterBytes), () => {
        if (misbehaviour.kind === 'cut') setTimeout(() => request.socket.destroy(), 20);
      });
      return;
    }
    response.end(rest);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A port with nothing listening on it (a refused connection). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
