// The model engine in a child process (child_process.fork of modelProcess.js), so a native crash
// in llama.cpp takes down that process and not the editor. If the child dies, its pending
// requests fail with a clear error, and the next request starts a new child (reloading the
// model that was loaded before).
import { fork, type ChildProcess } from 'node:child_process';
import { ModelError } from './errors';
import type { ModelLog } from './modelLog';
import type { MachineProfile } from './hardware';
import type { ModelHost } from './host';
import { deserializeError, isChildMessage, type ChildMessage, type HostMethod, type HostMethods, type ParentMessage } from './protocol';
import type { EngineOptions, GenerateOptions, GenerateRequest, GenerateResult, LoadedModelInfo, LoadOptions, LoadRequest } from './requests';

export interface ChildHostOptions {
  /** The child's script: dist/modelProcess.js beside the bundle, or out/src/model/modelProcess.js in tests. */
  scriptPath: string;
  engine: EngineOptions;
  /** The Node binary; defaults to the current one (VS Code's own runtime in the extension host). */
  execPath?: string;
  /** llama.cpp's log lines at their level; the child's stderr (a crash, a missing script) as errors. */
  onLog?: ModelLog;
  /** How long dispose waits for the child to leave before killing it. */
  exitGraceMs?: number;
}

interface Pending {
  method: HostMethod;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  onText?: (text: string) => void;
  onProgress?: (fraction: number) => void;
}

interface RunningChild {
  process: ChildProcess;
  /** The model this child has loaded, if any. */
  loaded?: LoadRequest;
}

const describeMethod: Record<HostMethod, string> = {
  load: 'loading the model',
  generate: 'generating an answer',
  endConversation: 'ending a conversation',
  unload: 'unloading the model',
  describeMachine: 'describing the machine',
};

export class ChildProcessHost implements ModelHost {
  private child?: RunningChild;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** The model to restore in a new child after the previous one died. */
  private wanted?: LoadRequest;

  constructor(private readonly options: ChildHostOptions) {}

  /** The child's process id while one runs (for diagnostics and tests). */
  get processId(): number | undefined {
    return this.child?.process.pid;
  }

  private start(): RunningChild {
    if (this.child) return this.child;
    const child = fork(this.options.scriptPath, [JSON.stringify(this.options.engine)], {
      execPath: this.options.execPath,
      // Never inherit the parent's inspector or loader flags.
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const running: RunningChild = { process: child };
    this.child = running;
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.options.onLog?.('error', `model process: ${line}`);
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    child.on('message', (message: unknown) => {
      if (isChildMessage(message)) this.receive(message);
    });
    child.once('error', (error) => this.childGone(running, `could not run (${error.message})`));
    // 'close' (not 'exit') comes after the child's last stderr lines, so its log is complete.
    child.once('close', (code, signal) => this.childGone(running, signal ? `was killed by ${signal}` : `exited with code ${code}`));
    return running;
  }

  private childGone(running: RunningChild, how: string): void {
    if (this.child !== running) return;
    this.child = undefined;
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(new ModelError('host-exited', `The model process ${how} while ${describeMethod[pending.method]}. The next request starts a new one.`));
    }
  }

  private receive(message: ChildMessage): void {
    if (message.type === 'log') {
      this.options.onLog?.(message.level, message.message);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    switch (message.type) {
      case 'token':
        pending.onText?.(message.text);
        return;
      case 'progress':
        pending.onProgress?.(message.fraction);
        return;
      case 'done':
        this.pending.delete(message.id);
        pending.resolve(message.result);
        return;
      case 'error':
        this.pending.delete(message.id);
        pending.reject(deserializeError(message.error));
        return;
    }
  }

  private call<M extends HostMethod>(
    running: RunningChild,
    method: M,
    params: HostMethods[M]['params'],
    extras: { signal?: AbortSignal; onText?: (text: string) => void; onProgress?: (fraction: number) => void } = {},
  ): Promise<HostMethods[M]['result']> {
    if (extras.signal?.aborted) return Promise.reject(new ModelError('aborted', 'The request was cancelled.'));
    if (this.child !== running) {
      return Promise.reject(new ModelError('host-exited', `The model process exited before ${describeMethod[method]}. The next request starts a new one.`));
    }
    const id = this.nextId++;
    return new Promise<HostMethods[M]['result']>((resolve, reject) => {
      const onAbort = () => this.post(running, { type: 'cancel', id });
      extras.signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => extras.signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        method,
        resolve: (result) => {
          settle();
          resolve(result as HostMethods[M]['result']);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
        onText: extras.onText,
        onProgress: extras.onProgress,
      });
      this.post(running, { type: 'request', id, method, params } as ParentMessage);
    });
  }

  private post(running: RunningChild, message: ParentMessage): void {
    // A send on a dying channel fails; the exit handler then rejects what is pending.
    if (running.process.connected) running.process.send(message, (error) => error && this.options.onLog?.('warn', `model process: send failed: ${error.message}`));
  }

  async load(request: LoadRequest, options: LoadOptions = {}): Promise<LoadedModelInfo> {
    const running = this.start();
    const info = await this.call(running, 'load', request, { signal: options.signal, onProgress: options.onProgress });
    running.loaded = request;
    this.wanted = request;
    return info;
  }

  async generate(request: GenerateRequest, options: GenerateOptions = {}): Promise<GenerateResult> {
    const running = this.start();
    if (!running.loaded && this.wanted) {
      await this.call(running, 'load', this.wanted, { signal: options.signal });
      running.loaded = this.wanted;
    }
    return this.call(running, 'generate', request, { signal: options.signal, onText: options.onText });
  }

  async endConversation(conversationId: string): Promise<void> {
    if (this.child) await this.call(this.child, 'endConversation', { conversationId });
  }

  async unload(): Promise<void> {
    this.wanted = undefined;
    if (!this.child) return;
    await this.call(this.child, 'unload', {});
    this.child.loaded = undefined;
  }

  describeMachine(): Promise<MachineProfile> {
    return this.call(this.start(), 'describeMachine', {});
  }

  /** Closes the channel (the child releases the model and exits); kills it if it lingers. */
  async dispose(): Promise<void> {
    this.wanted = undefined;
    const running = this.child;
    if (!running) return;
    const child = running.process;
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    if (child.connected) child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), this.options.exitGraceMs ?? 5000);
    await exited;
    clearTimeout(timer);
  }
}
