// How each catalog model fits this machine, for the editor's model picker: the judgement
// `llama-review models fit` prints (selectModels, placeModel), as one row per model.
import type { CatalogModel } from './catalogSchema';
import { contextSizeFor, cpuNeedBytes, placeModel, selectModels, type SelectOptions } from './select';

export interface ModelFit {
  model: CatalogModel;
  /** The model `auto` tries first here: the head of the fallback chain when no model is preferred. */
  recommended: boolean;
  /** Its weights and the demand's context fit this machine's memory, whatever its tier or tasks. */
  fits: boolean;
  /** Bytes it needs with that context: in its placement when it fits, on the CPU when it does not. */
  needBytes: number;
  /** Why it is in or out of the fallback chain, worded as `models fit` words it. */
  reason: string;
}

/** Every catalog model in fallback order, judged for `demand` on `machine`. A preferred model is ignored: the recommendation is what `auto` picks. */
export function fitOverview(options: SelectOptions): ModelFit[] {
  const selection = selectModels({ ...options, preferredModelId: undefined });
  const reasons = new Map<string, string>([...selection.chain, ...selection.rejected].map((judged) => [judged.model.id, judged.reason]));
  const contextTokens = contextSizeFor(options.demand, options.contextSetting).tokens;
  const recommendedId = selection.chain[0]?.model.id;
  return options.catalog.inFallbackOrder().map((model) => {
    const fit = placeModel(model, contextTokens, options.machine);
    return {
      model,
      recommended: model.id === recommendedId,
      fits: fit !== undefined,
      needBytes: fit?.needBytes ?? cpuNeedBytes(model, contextTokens),
      reason: reasons.get(model.id) ?? '',
    };
  });
}
