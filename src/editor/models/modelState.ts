// What the local model is doing, and how the status bar says it: always the model's name (once one
// is known) and the state in words, with a plain-text label for screen readers. No vscode here,
// so the wording is unit-tested in plain Node.
import type { ProviderDescription } from '../../model/provider';
import { whereAnswersComeFrom } from '../../model/providerNotice';

export type ModelState =
  | { kind: 'idle'; modelId?: string }
  | { kind: 'not-downloaded'; modelId: string }
  | { kind: 'downloading'; modelId: string; fraction?: number }
  | { kind: 'loading'; modelId?: string; fraction?: number }
  /** `stopped`: the last answer was cut short by Stop; the model stays loaded. */
  | { kind: 'ready'; modelId: string; stopped?: boolean }
  | { kind: 'generating'; modelId: string }
  /** The last request failed for a reason other than a missing model; the next one tries again. */
  | { kind: 'failed'; modelId: string; reason: string }
  | { kind: 'unavailable'; reason: string };

export interface ModelStatusText {
  /** Status bar text; may hold codicons. */
  text: string;
  tooltip: string;
  /** Plain text for screen readers: no codicons, no Markdown. */
  accessibilityLabel: string;
}

function percent(fraction: number | undefined): string {
  return fraction === undefined ? '' : ` ${Math.floor(fraction * 100)}%`;
}

/**
 * `nameOf` turns a model id into its display name (the id itself when it is not in the catalog);
 * `server` is set when requests go to a team server, whose name and privacy the tooltip then gives.
 */
export function describeModelState(state: ModelState, nameOf: (modelId: string) => string = (id) => id, server?: ProviderDescription): ModelStatusText {
  const modelId = 'modelId' in state ? state.modelId : undefined;
  const name = modelId ? nameOf(modelId) : server ? 'Server model' : 'Model';
  const where = server ? ` ${whereAnswersComeFrom(server)}` : '';
  const shown = (icon: string, words: string | undefined, tooltip: string): ModelStatusText => ({
    text: `$(${server ? 'remote' : icon}) ${name}${words ? `: ${words}` : ''}`,
    tooltip: tooltip + where,
    accessibilityLabel: `Llama Review model: ${name}${words ? `, ${words}` : ''}. ${tooltip}${where}`,
  });
  switch (state.kind) {
    case 'idle':
      return modelId
        ? shown('hubot', undefined, `${name} is on disk; it loads on the first request. Click to choose a model.`)
        : shown('hubot', undefined, 'The local model loads on the first request. Click to choose a model.');
    case 'not-downloaded':
      return shown('cloud-download', 'not downloaded', `${name} is not downloaded. Click to download or choose a model.`);
    case 'downloading':
      return shown('sync~spin', `downloading${percent(state.fraction)}`, `Downloading ${name}.`);
    case 'loading':
      return shown('loading~spin', `loading${percent(state.fraction)}`, `Loading ${modelId ? name : 'the local model'}.`);
    case 'ready':
      return shown('hubot', undefined, `${name} is loaded and ready.${state.stopped ? ' The last answer was stopped.' : ''} Click to choose a model.`);
    case 'generating':
      return shown('loading~spin', 'answering…', `${name} is answering.`);
    case 'failed':
      return shown('warning', 'last request failed', `${name} could not answer: ${state.reason}. The next request tries again. Click to choose a model.`);
    case 'unavailable':
      return shown('circle-slash', 'unavailable', `No local model can answer: ${state.reason}. Parse-based review keeps working. Click to choose a model.`);
  }
}
