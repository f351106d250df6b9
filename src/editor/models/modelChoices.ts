// The Choose Model list: each model by name with its size and how it fits this machine, the
// recommended one first, then those that fit, then those too large. No vscode here, so the order
// and the wording the user sees are unit-tested in plain Node.
import { formatGigabytes } from '../../model/hardware';
import type { ModelFit } from '../../model/machineFit';

/** Where the model's file stands: downloaded into the models folder, a file of the user's own, or neither. */
export type ModelFileState = 'downloaded' | 'local file' | 'file missing' | 'not downloaded';

export interface ModelChoiceInput {
  fit: ModelFit;
  file: ModelFileState;
  /** The model the settings name now. */
  current: boolean;
}

export interface ModelChoice {
  label: string;
  description: string;
  detail: string;
  modelId: string;
}

function onDisk(file: ModelFileState): boolean {
  return file === 'downloaded' || file === 'local file';
}

/** Smaller sorts first: recommended, then fits (on disk before not), then too large. */
function rank({ fit, file }: ModelChoiceInput): number {
  if (fit.recommended) return 0;
  if (fit.fits) return onDisk(file) ? 1 : 2;
  return onDisk(file) ? 3 : 4;
}

function description({ fit, file }: ModelChoiceInput): string {
  const size = `${fit.model.sizeIsApproximate ? '~' : ''}${formatGigabytes(fit.model.sizeBytes)}`;
  const marks = [size];
  if (fit.recommended) marks.push('recommended');
  if (file !== 'not downloaded') marks.push(file);
  if (!fit.fits) marks.push(`too large for this machine (needs ${formatGigabytes(fit.needBytes)})`);
  else if (!onDisk(file)) marks.push('fits this machine');
  return marks.join(' · ');
}

/** Inputs in catalog fallback order; the sort keeps that order within each rank. */
export function modelChoices(inputs: readonly ModelChoiceInput[]): ModelChoice[] {
  return inputs
    .map((input, index) => ({ input, index }))
    .sort((a, b) => rank(a.input) - rank(b.input) || a.index - b.index)
    .map(({ input }) => ({
      label: input.fit.model.name,
      description: description(input),
      detail: `${input.fit.model.id}${input.current ? ' (current)' : ''}${input.fit.reason ? `: ${input.fit.reason}` : ''}`,
      modelId: input.fit.model.id,
    }));
}
