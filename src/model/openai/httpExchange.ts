// One HTTP exchange with a model server, held to the two deadlines a streamed answer needs: the
// response head within connectTimeoutMs, then never stallTimeoutMs without a byte. A deadline, a
// cancel or a dispose destroys the socket, so the server sees the client leave and stops generating.
import * as http from 'node:http';
import * as https from 'node:https';

export type TransportFailureReason =
  /** Nothing listens at the address. */
  | 'refused'
  /** The host name does not resolve. */
  | 'dns'
  /** No response head within connectTimeoutMs (a silent server, a black-holed address). */
  | 'no-answer'
  /** The response started, then nothing arrived for stallTimeoutMs. */
  | 'stalled'
  /** The connection closed in the middle of the body. */
  | 'cut'
  /** The connection closed before the response head. */
  | 'reset'
  | 'tls'
  | 'aborted'
  | 'network';

/** What went wrong on the wire; serverErrors.ts turns it into a ModelError for people. */
export class TransportFailure extends Error {
  override name = 'TransportFailure';

  constructor(
    readonly reason: TransportFailureReason,
    message: string,
    readonly code?: string,
    /** The request went out on a kept-alive socket the server may have closed meanwhile. */
    readonly reusedSocket = false,
  ) {
    super(message);
  }
}

/** Kept-alive connections of one provider, dropped all at once on dispose. */
export class ConnectionPool {
  private readonly plain = new http.Agent({ keepAlive: true });
  private readonly secure = new https.Agent({ keepAlive: true });

  agentFor(url: URL): http.Agent {
    return url.protocol === 'https:' ? this.secure : this.plain;
  }

  destroy(): void {
    this.plain.destroy();
    this.secure.destroy();
  }
}

export interface ExchangeRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Readonly<Record<string, string>>;
  body?: string;
  connectTimeoutMs: number;
  stallTimeoutMs: number;
  signal: AbortSignal;
  pool: ConnectionPool;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function failureBeforeHead(error: unknown, reusedSocket: boolean): TransportFailure {
  if (error instanceof TransportFailure) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED') return new TransportFailure('refused', message, code);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return new TransportFailure('dns', message, code);
  if (code === 'ECONNRESET' || code === 'EPIPE') return new TransportFailure('reset', message, code, reusedSocket);
  if (/^(CERT_|ERR_TLS_|ERR_SSL_)|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) return new TransportFailure('tls', message, code);
  return new TransportFailure('network', message, code || undefined);
}

/** A response whose head has arrived; its body is read once, through chunks() or text(). */
export class Exchange {
  private stallTimer?: NodeJS.Timeout;

  constructor(
    private readonly outgoing: http.ClientRequest,
    private readonly incoming: http.IncomingMessage,
    private readonly request: ExchangeRequest,
    private readonly onAbort: () => void,
  ) {
    incoming.setEncoding('utf8');
    // Errors reach whoever reads the body; one that comes while nobody reads must not crash the process.
    incoming.on('error', () => undefined);
  }

  get status(): number {
    return this.incoming.statusCode ?? 0;
  }

  header(name: string): string | undefined {
    const value = this.incoming.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }

  /** Ends the exchange; the socket goes unless the body was read to its end (then it is kept alive). */
  interrupt(failure?: TransportFailure): void {
    clearTimeout(this.stallTimer);
    this.request.signal.removeEventListener('abort', this.onAbort);
    if (this.incoming.complete) return;
    this.incoming.destroy(failure);
    this.outgoing.destroy();
  }

  close(): void {
    this.interrupt();
  }

  /** The body as it arrives; throws a TransportFailure when it stalls, is cut or is cancelled. */
  async *chunks(): AsyncGenerator<string> {
    const { stallTimeoutMs } = this.request;
    const arm = () => {
      clearTimeout(this.stallTimer);
      this.stallTimer = setTimeout(() => this.interrupt(new TransportFailure('stalled', `nothing arrived for ${seconds(stallTimeoutMs)}`)), stallTimeoutMs);
    };
    arm();
    try {
      for await (const chunk of this.incoming) {
        arm();
        yield chunk as string;
      }
    } catch (error) {
      if (error instanceof TransportFailure) throw error;
      throw new TransportFailure('cut', error instanceof Error ? error.message : String(error), (error as { code?: string }).code);
    } finally {
      this.interrupt();
    }
  }

  /** The whole body, for error answers and model lists; at most maxChars are kept. */
  async text(maxChars = 1_000_000): Promise<string> {
    let text = '';
    for await (const chunk of this.chunks()) {
      text += chunk;
      if (text.length >= maxChars) return text.slice(0, maxChars);
    }
    return text;
  }
}

/** Sends the request and resolves once the response head arrives (any status). */
export function openExchange(request: ExchangeRequest): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    if (request.signal.aborted) {
      reject(new TransportFailure('aborted', 'The request was cancelled.'));
      return;
    }
    const transport = request.url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    const outgoing = transport.request(request.url, { method: request.method, headers, agent: request.pool.agentFor(request.url) });
    let exchange: Exchange | undefined;
    const onAbort = () => {
      const failure = new TransportFailure('aborted', 'The request was cancelled.');
      if (exchange) exchange.interrupt(failure);
      else outgoing.destroy(failure);
    };
    const headTimer = setTimeout(
      () => outgoing.destroy(new TransportFailure('no-answer', `no answer within ${seconds(request.connectTimeoutMs)}`)),
      request.connectTimeoutMs,
    );
    request.signal.addEventListener('abort', onAbort, { once: true });
    outgoing.on('error', (error) => {
      if (exchange) return; // after the head, the body's reader sees the failure
      clearTimeout(headTimer);
      request.signal.removeEventListener('abort', onAbort);
      reject(failureBeforeHead(error, outgoing.reusedSocket));
    });
    outgoing.on('response', (incoming) => {
      clearTimeout(headTimer);
      exchange = new Exchange(outgoing, incoming, request, onAbort);
      resolve(exchange);
    });
    outgoing.end(request.body);
  });
}
