import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadCatalog } from '../../../src/model/catalog';
import type { ModelTask } from '../../../src/model/catalogSchema';
import { chooseThreadCount, noGpu, type MachineProfile } from '../../../src/model/hardware';
import { contextSizeFor, selectModels, type Demand, type Selection } from '../../../src/model/select';
import { repositoryRoot } from '../../support/modelFixtures';

const gib = 1024 ** 3;

function machine(fields: Partial<MachineProfile>): MachineProfile {
  return { platform: 'linux', arch: 'x64', totalRamBytes: 16 * gib, freeRamBytes: 8 * gib, cores: 8, gpu: noGpu, ...fields };
}

/** The simulated machines of the issue. */
const machines = {
  appleM1With8GB: machine({ platform: 'darwin', arch: 'arm64', totalRamBytes: 8 * gib, cores: 8, mathCores: 4, gpu: { type: 'metal', names: ['Apple M1'], vramBytes: 5.3 * gib, unifiedMemory: true } }),
  ram16WithGpu8: machine({ totalRamBytes: 16 * gib, cores: 12, mathCores: 6, gpu: { type: 'cuda', names: ['NVIDIA GeForce RTX 3070'], vramBytes: 8 * gib, unifiedMemory: false } }),
  ram64CpuOnly: machine({ totalRamBytes: 64 * gib, cores: 16, mathCores: 16 }),
  ram4CpuOnly: machine({ totalRamBytes: 4 * gib, cores: 2 }),
};

const catalog = loadCatalog({ file: join(repositoryRoot, 'models.json') });

function demand(task: ModelTask, promptTokens: number, complex = false): Demand {
  return { task, promptTokens, maxTokens: 512, complex };
}

function select(profile: MachineProfile, wanted: Demand, preferredModelId?: string): Selection {
  return selectModels({ catalog, machine: profile, demand: wanted, preferredModelId });
}

const ids = (selection: Selection) => selection.chain.map((candidate) => candidate.model.id);
const reasonFor = (selection: Selection, id: string) => selection.rejected.find((rejection) => rejection.model.id === id)?.reason ?? '';

describe('model selection', () => {
  describe('context size follows the prompt', () => {
    it('picks the smallest tier that holds prompt, answer and headroom', () => {
      assert.deepEqual(contextSizeFor({ task: 'explain', promptTokens: 200, maxTokens: 256, complex: false }), { tokens: 1024, tier: 'small' });
      assert.deepEqual(contextSizeFor(demand('explain', 900)), { tokens: 2048, tier: 'medium' });
      assert.deepEqual(contextSizeFor(demand('review', 3000)), { tokens: 4096, tier: 'large' });
      assert.deepEqual(contextSizeFor(demand('review', 6000)), { tokens: 7168, tier: 'large' });
    });

    it('uses a fixed size when the setting gives one', () => {
      assert.equal(contextSizeFor(demand('explain', 100), 8192).tokens, 8192);
    });
  });

  describe('8 GB Apple M1 (Metal, unified memory)', () => {
    it('runs CodeLlama-7B on the GPU for an ordinary explanation', () => {
      const selection = select(machines.appleM1With8GB, demand('explain', 400));
      assert.equal(selection.chain[0].model.id, 'codellama-7b-instruct-q4km');
      assert.equal(selection.chain[0].placement, 'gpu');
      assert.equal(selection.chain[0].contextTier, 'medium');
    });

    it('keeps 7B for a complex function: 13B does not fit', () => {
      const selection = select(machines.appleM1With8GB, demand('explain', 1200, true));
      assert.equal(selection.chain[0].model.id, 'codellama-7b-instruct-q4km');
      assert.match(reasonFor(selection, 'codellama-13b-instruct-q4km'), /needs about \d+(\.\d)? GB with a 2048-token context; this machine can give 6\.0 GB of RAM and 5\.3 GB for the GPU/);
    });

    it('moves to a model with a smaller KV cache when a long prompt needs a large context', () => {
      const selection = select(machines.appleM1With8GB, demand('review', 3000));
      assert.equal(selection.chain[0].model.id, 'qwen2.5-coder-7b-instruct-q4km');
      assert.equal(selection.chain[0].contextSize, 4096);
      assert.match(reasonFor(selection, 'codellama-7b-instruct-q4km'), /needs about/);
    });
  });

  describe('16 GB RAM with an 8 GB CUDA GPU', () => {
    it('runs 7B entirely on the GPU', () => {
      const selection = select(machines.ram16WithGpu8, demand('fix', 600));
      assert.equal(selection.chain[0].model.id, 'codellama-7b-instruct-q4km');
      assert.equal(selection.chain[0].placement, 'gpu');
    });

    it('chooses 13B over 7B for a complex function, split between GPU and CPU', () => {
      const selection = select(machines.ram16WithGpu8, demand('explain', 1800, true));
      assert.deepEqual(ids(selection).slice(0, 2), ['codellama-13b-instruct-q4km', 'codellama-7b-instruct-q4km']);
      assert.equal(selection.chain[0].placement, 'split');
      assert.match(reasonFor(selection, 'codellama-34b-instruct-q4km'), /needs about/);
    });
  });

  describe('64 GB, CPU only', () => {
    it('uses 7B for ordinary requests and keeps the large models for complex ones', () => {
      const selection = select(machines.ram64CpuOnly, demand('explain', 400));
      assert.equal(selection.chain[0].model.id, 'codellama-7b-instruct-q4km');
      assert.equal(selection.chain[0].placement, 'cpu');
      assert.equal(reasonFor(selection, 'codellama-13b-instruct-q4km'), 'kept for long or complex functions');
    });

    it('takes 13B for a complex function but not 34B, which is too slow without a GPU', () => {
      const selection = select(machines.ram64CpuOnly, demand('review', 1800, true));
      assert.equal(selection.chain[0].model.id, 'codellama-13b-instruct-q4km');
      assert.match(reasonFor(selection, 'codellama-34b-instruct-q4km'), /too slow without a GPU/);
    });

    it('takes 34B for a complex function when a 64 GB Mac can hold it on the GPU', () => {
      const mac = machine({ platform: 'darwin', totalRamBytes: 64 * gib, gpu: { type: 'metal', names: ['Apple M2 Max'], vramBytes: 48 * gib, unifiedMemory: true } });
      const selection = select(mac, demand('review', 1800, true));
      assert.deepEqual(ids(selection).slice(0, 3), ['codellama-34b-instruct-q4km', 'codellama-13b-instruct-q4km', 'codellama-7b-instruct-q4km']);
      assert.equal(selection.chain[0].placement, 'gpu');
    });
  });

  describe('4 GB, CPU only', () => {
    it('falls back to the small models, ending with TinyLlama', () => {
      const selection = select(machines.ram4CpuOnly, demand('explain', 300));
      assert.deepEqual(ids(selection), ['qwen2.5-coder-1.5b-instruct-q4km', 'deepseek-coder-1.3b-instruct-q4km', 'tinyllama-1.1b-chat-q4km']);
      for (const candidate of selection.chain) assert.equal(candidate.placement, 'cpu');
      assert.match(reasonFor(selection, 'codellama-7b-instruct-q4km'), /needs about 5\.\d GB .* this machine can give 2\.5 GB of RAM/);
    });

    it('leaves TinyLlama out of reviews, which it is not meant for', () => {
      const selection = select(machines.ram4CpuOnly, demand('review', 300));
      assert.ok(!ids(selection).includes('tinyllama-1.1b-chat-q4km'));
      assert.match(reasonFor(selection, 'tinyllama-1.1b-chat-q4km'), /not meant for "review"/);
    });
  });

  describe('per-task model setting', () => {
    it('tries the chosen model first, then the usual chain', () => {
      const selection = select(machines.ram16WithGpu8, demand('docstring', 200), 'deepseek-coder-1.3b-instruct-q4km');
      assert.deepEqual(ids(selection).slice(0, 2), ['deepseek-coder-1.3b-instruct-q4km', 'codellama-7b-instruct-q4km']);
      assert.match(selection.chain[0].reason, /chosen in the settings/);
    });

    it('reports an unknown model id with the known ones', () => {
      assert.throws(() => select(machines.ram16WithGpu8, demand('docstring', 200), 'gpt-4'), /Unknown model "gpt-4". Known models: codellama/);
    });
  });

  describe('thread count', () => {
    it('leaves a core for the editor and never exceeds the cores or the math cores', () => {
      assert.equal(chooseThreadCount({ cores: 2 }, 'auto').threads, 1);
      assert.equal(chooseThreadCount({ cores: 1 }, 'auto').threads, 1);
      assert.equal(chooseThreadCount({ cores: 4 }, 'auto').threads, 3);
      assert.equal(chooseThreadCount({ cores: 16, mathCores: 8 }, 'auto').threads, 8);
      assert.equal(chooseThreadCount(machines.appleM1With8GB, 'auto').threads, 4);
    });

    it('caps an explicit setting at the cores available', () => {
      assert.deepEqual(chooseThreadCount({ cores: 2 }, 8), { threads: 2, reason: 'the setting asked for 8 threads; capped at the 2 cores available' });
      assert.equal(chooseThreadCount({ cores: 8 }, 3).threads, 3);
      assert.equal(chooseThreadCount({ cores: 8 }, 0).threads, 1);
    });
  });
});
