// ModelHost: one interface for the model engine, whether it runs in this process (CLI, tests) or
// in a child process (the extension; see childHost). Callers never know which.
import { ModelEngine } from './engine';
import type { MachineProfile } from './hardware';
import type { EngineOptions, GenerateOptions, GenerateRequest, GenerateResult, LoadedModelInfo, LoadOptions, LoadRequest } from './requests';

export interface ModelHost {
  load(request: LoadRequest, options?: LoadOptions): Promise<LoadedModelInfo>;
  generate(request: GenerateRequest, options?: GenerateOptions): Promise<GenerateResult>;
  endConversation(conversationId: string): Promise<void>;
  unload(): Promise<void>;
  /** RAM, cores and what llama.cpp sees of the GPU. */
  describeMachine(): Promise<MachineProfile>;
  dispose(): Promise<void>;
}

/** The engine in this process, started on first use. */
export class InProcessHost implements ModelHost {
  private engine?: Promise<ModelEngine>;

  constructor(
    private readonly options: EngineOptions,
    private readonly onLog?: (level: string, message: string) => void,
  ) {}

  private started(): Promise<ModelEngine> {
    if (!this.engine) {
      this.engine = ModelEngine.create(this.options, this.onLog);
      // A failed start is retried by the next request rather than remembered forever.
      this.engine.catch(() => (this.engine = undefined));
    }
    return this.engine;
  }

  async load(request: LoadRequest, options?: LoadOptions): Promise<LoadedModelInfo> {
    return (await this.started()).load(request, options);
  }

  async generate(request: GenerateRequest, options?: GenerateOptions): Promise<GenerateResult> {
    return (await this.started()).generate(request, options);
  }

  async endConversation(conversationId: string): Promise<void> {
    if (this.engine) await (await this.engine).endConversation(conversationId);
  }

  async unload(): Promise<void> {
    if (this.engine) await (await this.engine).unload();
  }

  async describeMachine(): Promise<MachineProfile> {
    return (await this.started()).describeMachine();
  }

  async dispose(): Promise<void> {
    const engine = this.engine;
    this.engine = undefined;
    if (engine) await (await engine.catch(() => undefined))?.dispose();
  }
}
