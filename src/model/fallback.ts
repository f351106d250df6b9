// Walks the fallback chain: the first model whose file is present and loads wins. A missing file,
// a bad file or running out of memory moves on to the next; at the end, one clear outcome.
import type { CatalogModel } from './catalogSchema';
import { errorMessage, isAbortError, NoModelAvailableError, type FallbackAttempt } from './errors';
import type { LoadedModelInfo } from './requests';
import type { Candidate, Selection } from './select';
import type { ModelLocation } from './store';

export interface FallbackSteps {
  locate(model: CatalogModel): Promise<ModelLocation>;
  load(candidate: Candidate, path: string): Promise<LoadedModelInfo>;
}

export interface FallbackOutcome {
  candidate: Candidate;
  info: LoadedModelInfo;
  /** Models tried before this one, and why they were passed over. */
  attempts: FallbackAttempt[];
}

export async function loadFirstAvailable(selection: Selection, steps: FallbackSteps): Promise<FallbackOutcome> {
  const attempts: FallbackAttempt[] = [];
  for (const candidate of selection.chain) {
    const location = await steps.locate(candidate.model);
    if ('missing' in location) {
      attempts.push({ modelId: candidate.model.id, reason: location.missing, stage: 'missing' });
      continue;
    }
    try {
      const info = await steps.load(candidate, location.path);
      return { candidate, info, attempts };
    } catch (error) {
      // Cancelling is the user's choice, not a reason to try another model.
      if (isAbortError(error)) throw error;
      attempts.push({ modelId: candidate.model.id, reason: errorMessage(error), stage: 'failed' });
    }
  }
  const unfit = selection.rejected.map((rejection): FallbackAttempt => ({ modelId: rejection.model.id, reason: rejection.reason, stage: 'unfit' }));
  throw new NoModelAvailableError([...attempts, ...unfit]);
}
