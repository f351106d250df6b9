// Starts the llama-server that scripts/build-llama-server.sh builds from node-llama-cpp's bundled
// llama.cpp sources, on loopback with the tiny test GGUF: a real OpenAI-compatible server for the
// provider tests and the bench, with no download.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repositoryRoot } from './checkoutRoot';

function bundledLlamaCppTag(): string {
  const info = join(repositoryRoot, 'node_modules', 'node-llama-cpp', 'llama', 'llama.cpp.info.json');
  return (JSON.parse(readFileSync(info, 'utf8')) as { tag: string }).tag;
}

/** Where the build script installs the binary (LLAMA_REVIEW_TOOLS moves .tools, as for the script). */
export function llamaServerBinary(): string {
  const tools = process.env.LLAMA_REVIEW_TOOLS ?? join(repositoryRoot, '.tools');
  return join(tools, 'llama-server', bundledLlamaCppTag(), 'llama-server');
}

/** A port nothing listens on right now (the server binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface LlamaServerOptions {
  modelPath: string;
  threads?: number;
  contextSize?: number;
  /** The name /v1/models lists and answers carry. */
  alias?: string;
  apiKey?: string;
  /** Longest wait for /health to answer 200. */
  startTimeoutMs?: number;
}

export class LlamaServer {
  private exited?: Promise<void>;
  /** The server's own output, for failure messages. */
  private output = '';

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-64_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  get log(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  static async start(options: LlamaServerOptions): Promise<LlamaServer> {
    const binary = llamaServerBinary();
    if (!existsSync(binary)) {
      throw new Error(`llama-server is not built (${binary} is missing). Run \`npm run install-test-tools\` (it runs scripts/build-llama-server.sh).`);
    }
    const port = await freePort();
    const args = ['-m', options.modelPath, '--host', '127.0.0.1', '--port', String(port), '-t', String(options.threads ?? 1), '-c', String(options.contextSize ?? 1024), '-np', '1'];
    if (options.alias) args.push('--alias', options.alias);
    if (options.apiKey) args.push('--api-key', options.apiKey);
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new LlamaServer(child, port);
    await server.waitUntilHealthy(options.startTimeoutMs ?? 60_000);
    return server;
  }

  private async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`llama-server exited while starting:\n${this.output}`);
      try {
        const response = await fetch(`http://127.0.0.1:${this.port}/health`, { signal: AbortSignal.timeout(2000) });
        await response.arrayBuffer();
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await this.stop();
    throw new Error(`llama-server did not become healthy within ${timeoutMs} ms:\n${this.output}`);
  }

  /** What /slots says the (single) slot is doing. */
  async slot(): Promise<{ is_processing: boolean }> {
    const response = await fetch(`http://127.0.0.1:${this.port}/slots`);
    const slots = (await response.json()) as { is_processing: boolean }[];
    return slots[0];
  }

  /** Ends the server at once, as a crash would (SIGKILL), or politely (SIGTERM). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.running) this.child.kill(signal);
    await this.exited;
  }
}
