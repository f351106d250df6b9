// The fit of every catalog model on a machine, as the editor's model picker shows it: the same
// recommendation as the fallback chain, and "too large" with what the model would need.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadCatalog } from '../../../src/model/catalog';
import { noGpu, type MachineProfile } from '../../../src/model/hardware';
import { fitOverview } from '../../../src/model/machineFit';
import { memoryBudget, selectModels, type Demand } from '../../../src/model/select';
import { repositoryRoot } from '../../support/modelFixtures';

const gib = 1024 ** 3;
const catalog = loadCatalog({ file: join(repositoryRoot, 'models.json') });
const demand: Demand = { task: 'explain', promptTokens: 800, maxTokens: 512, complex: false };

function machine(totalRamBytes: number): MachineProfile {
  return { platform: 'linux', arch: 'x64', totalRamBytes, freeRamBytes: totalRamBytes / 2, cores: 8, gpu: noGpu };
}

describe('model fit for the picker', () => {
  it('lists every model once, in fallback order, recommending the head of the fallback chain', () => {
    const profile = machine(16 * gib);
    const rows = fitOverview({ catalog, machine: profile, demand });
    assert.deepEqual(rows.map((row) => row.model.id), catalog.inFallbackOrder().map((model) => model.id));
    const recommended = rows.filter((row) => row.recommended);
    assert.equal(recommended.length, 1);
    assert.equal(recommended[0].model.id, selectModels({ catalog, machine: profile, demand }).chain[0].model.id);
    for (const row of rows) assert.ok(row.reason.length > 5, row.model.id);
  });

  it('marks models too large for the memory budget, with what they need', () => {
    const profile = machine(8 * gib);
    const budget = memoryBudget(profile).ramBytes;
    const rows = fitOverview({ catalog, machine: profile, demand });
    const large = rows.find((row) => row.model.id === 'codellama-34b-instruct-q4km')!;
    assert.equal(large.fits, false);
    assert.ok(large.needBytes > budget && large.needBytes > large.model.ramBytes);
    for (const row of rows.filter((candidate) => candidate.fits)) assert.ok(row.needBytes <= budget, row.model.id);
    assert.ok(rows.some((row) => row.fits));
  });

  it('judges a preferred model in the settings the same as any other: the recommendation stays automatic', () => {
    const profile = machine(16 * gib);
    const plain = fitOverview({ catalog, machine: profile, demand });
    const preferred = fitOverview({ catalog, machine: profile, demand, preferredModelId: 'tinyllama-1.1b-chat-q4km' });
    assert.deepEqual(preferred.map((row) => [row.model.id, row.recommended, row.fits]), plain.map((row) => [row.model.id, row.recommended, row.fits]));
  });

  it('recommends nothing on a machine too small for any model', () => {
    const rows = fitOverview({ catalog, machine: machine(1 * gib), demand });
    assert.ok(rows.every((row) => !row.recommended && !row.fits));
  });
});
