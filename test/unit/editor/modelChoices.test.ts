// The Choose Model list: the recommended model first, then the ones that fit (on disk first),
// then the ones too large; each with its size and how it fits, as the user reads it.
import * as assert from 'node:assert/strict';
import { modelChoices, type ModelChoiceInput, type ModelFileState } from '../../../src/editor/models/modelChoices';
import type { CatalogModel } from '../../../src/model/catalogSchema';
import type { ModelFit } from '../../../src/model/machineFit';

const gib = 1024 ** 3;

function input(id: string, sizeGb: number, fit: Partial<ModelFit>, file: ModelFileState = 'not downloaded', current = false): ModelChoiceInput {
  const model = { id, name: `Model ${id}`, sizeBytes: sizeGb * gib, sizeIsApproximate: false } as CatalogModel;
  return { fit: { model, recommended: false, fits: true, needBytes: sizeGb * gib, reason: 'fits on the CPU', ...fit }, file, current };
}

describe('editor: Choose Model list', () => {
  const inputs = [
    input('huge', 18.8, { fits: false, needBytes: 20.1 * gib, reason: 'needs about 20 GB' }),
    input('large-on-disk', 7.3, { fits: false, needBytes: 8 * gib }, 'downloaded'),
    input('standard', 3.8, { recommended: true }),
    input('other', 4.4, {}),
    input('small-on-disk', 0.8, {}, 'downloaded', true),
  ];
  const choices = modelChoices(inputs);

  it('puts the recommended model first, then those that fit (on disk first), then those too large', () => {
    assert.deepEqual(choices.map((choice) => choice.modelId), ['standard', 'small-on-disk', 'other', 'large-on-disk', 'huge']);
  });

  it('labels each model by name, with its size and how it fits this machine', () => {
    const by = (id: string) => choices.find((choice) => choice.modelId === id)!;
    assert.equal(by('standard').label, 'Model standard');
    assert.equal(by('standard').description, '3.8 GB · recommended · fits this machine');
    assert.equal(by('other').description, '4.4 GB · fits this machine');
    assert.equal(by('small-on-disk').description, '0.8 GB · downloaded');
    assert.equal(by('huge').description, '19 GB · too large for this machine (needs 20 GB)');
    assert.equal(by('large-on-disk').description, '7.3 GB · downloaded · too large for this machine (needs 8.0 GB)');
  });

  it('names the id, marks the current model and says why in the detail', () => {
    const current = choices.find((choice) => choice.modelId === 'small-on-disk')!;
    assert.equal(current.detail, 'small-on-disk (current): fits on the CPU');
  });

  it('keeps catalog order within a rank', () => {
    const same = modelChoices([input('a', 1, {}), input('b', 2, {}), input('c', 3, {})]);
    assert.deepEqual(same.map((choice) => choice.modelId), ['a', 'b', 'c']);
  });
});
