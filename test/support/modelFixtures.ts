// Shared pieces for model tests: a temp folder with the tiny GGUF (and broken variants), catalog
// entries pointing at it, and engine options that suit a small CI machine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogModel } from '../../src/model/catalogSchema';
import { ModelEngine } from '../../src/model/engine';
import type { EngineOptions, LoadRequest } from '../../src/model/requests';
import { repositoryRoot } from './fixtures';
import { tinyLoraBytes, tinyModelBytes, writeTinyModel } from './gguf';
import { tinyCatalogEntry } from './tinyCatalogEntry';

export const tinyContextSize = 512;

/** One thread: the fastest for a tiny model on a 2-core machine, and no oversubscription. */
export const testEngineOptions: EngineOptions = { gpu: 'off', threads: 1, idleUnloadMs: 0 };

/** The compiled child entry in the same output folder as these compiled tests. */
export const modelProcessScript = join(__dirname, '..', '..', 'src', 'model', 'modelProcess.js');

export { repositoryRoot };

export class ModelScratch {
  readonly folder = mkdtempSync(join(tmpdir(), 'llama-review-model-'));
  readonly tinyModel = writeTinyModel(join(this.folder, 'tiny.gguf'));

  file(name: string, contents: Buffer | string): string {
    const path = join(this.folder, name);
    writeFileSync(path, contents);
    return path;
  }

  /** The broken files every loader must survive, by what is wrong with them. */
  badModels(): Record<string, string> {
    const good = tinyModelBytes();
    return {
      missing: join(this.folder, 'does-not-exist.gguf'),
      empty: this.file('empty.gguf', Buffer.alloc(0)),
      'random bytes': this.file('random.gguf', Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919 + 13) % 256))),
      truncated: this.file('truncated.gguf', good.subarray(0, Math.floor(good.length * 0.6))),
      'missing tensor': this.file('missing-tensor.gguf', tinyModelBytes({ omitTensor: 'blk.1.ffn_down.weight' })),
    };
  }

  lora(): string {
    return this.file('tiny-lora.gguf', tinyLoraBytes());
  }

  dispose(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** A catalog entry for a local file, shaped like the shipped CodeLlama entries. */
export function localEntry(id: string, path: string, overrides: Partial<CatalogModel> = {}): CatalogModel {
  return tinyCatalogEntry({ id, name: id, fileName: `${id}.gguf`, path, ...overrides });
}

export function loadRequestFor(path: string, overrides: Partial<LoadRequest> = {}): LoadRequest {
  return { modelId: 'tiny', path, chatFormat: 'llama2', contextSize: tinyContextSize, gpuLayers: 0, ...overrides };
}

export interface EngineFixture {
  scratch: ModelScratch;
  engine: ModelEngine;
}

/** Registers hooks that give the enclosing suite a scratch folder with the tiny model and an engine. */
export function useEngineFixture(): Readonly<EngineFixture> {
  const fixture = {} as EngineFixture;
  before(async () => {
    fixture.scratch = new ModelScratch();
    fixture.engine = await ModelEngine.create(testEngineOptions);
  });
  after(async () => {
    await fixture.engine?.dispose();
    fixture.scratch?.dispose();
  });
  return fixture;
}
