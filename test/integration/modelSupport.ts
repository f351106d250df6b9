// Helpers for the model tests: the tiny GGUF (written here, by test code) configured as the model
// through llamaReview.model.userModels, a "no model at all" configuration, and typed access to
// the hooks the extension exports in extension mode Test.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { writeTinyModel } from '../support/gguf';
import { tinyCatalogEntry } from '../support/tinyCatalogEntry';
import { closeAllEditors, extensionId, updateSetting, waitFor } from './support';

/** The parts of the extension's test hooks these tests use (src/editor/models/modelFeatures.ts, ModelTestApi). */
export type ChatActionSeen = 'downloadRecommendedModel' | 'chooseModel' | 'useModelFile';

export interface ChatTurnSeen {
  id: number;
  role: 'user' | 'assistant';
  text: string;
  state: 'streaming' | 'done' | 'stopped' | 'error';
  note?: string;
  actions?: { id: ChatActionSeen; label: string; title: string }[];
}

export interface ChatProbeSeen {
  turns: number;
  codeBlocks: number;
  dangerousElements: number;
  payloadRan: boolean;
  inputEnabled: boolean;
  stopVisible: boolean;
  actions: ChatActionSeen[];
  text: string;
}

export interface ShownPickSeen {
  title: string;
  items: { label: string; description?: string; detail?: string }[];
}

export interface ModelStatusSeen {
  text: string;
  tooltip: string;
  accessibilityLabel: string;
}

export interface FirstTokenTimingSeen {
  kind: string;
  firstTextMs: number;
  modelFirstTokenMs: number;
  promptTokensEvaluated: number;
  contextTokens: number;
  modelId: string;
}

export interface ModelStateSeen {
  kind: string;
  modelId?: string;
  fraction?: number;
  stopped?: boolean;
}

export interface ChatResponseSeen {
  command?: string;
  prompt: string;
  history: { role: 'user' | 'assistant'; text: string }[];
  parts: { kind: string; text: string }[];
  result?: { metadata?: { command?: string }; errorDetails?: { message: string } };
  error?: string;
}

export interface TestingApi {
  chat: {
    snapshot(): { turns: ChatTurnSeen[]; busy: boolean; topic?: string; privacy: string };
    ask(question: string): Promise<void>;
    stop(): void;
    newChat(): Promise<void>;
    onDidPost(listener: (message: { type: string }) => void): vscode.Disposable;
    timings: FirstTokenTimingSeen[];
  };
  chatView: {
    posted: Map<string, number>;
    probe(): Promise<ChatProbeSeen>;
    press(control: 'send' | 'stop' | 'newChat', text?: string): Promise<void>;
    pressAction(action: ChatActionSeen): Promise<void>;
  };
  models: { state: ModelStateSeen; onDidChangeState(listener: (state: ModelStateSeen) => void): vscode.Disposable };
  messages: string[];
  messageButtons: string[][];
  picks: ShownPickSeen[];
  modelStatus(): ModelStatusSeen;
  proposals: { pending(): vscode.Uri[] };
  openNotices(): string[];
  setAnswerOverride(override: ((prompt: { task: string; prompt: string }) => string | undefined) | undefined): void;
  vscodeChat: {
    responses: ChatResponseSeen[];
    registerWith(host: object): { registered: number; notice?: string };
  };
}

export async function testingApi(): Promise<TestingApi> {
  const extension = vscode.extensions.getExtension<{ testing?: TestingApi }>(extensionId)!;
  const exports = await extension.activate();
  if (!exports.testing) throw new Error('The extension exports no test hooks: is it running in extension mode Test?');
  return exports.testing;
}

export const scratch = mkdtempSync(join(tmpdir(), 'llama-review-it-model-'));
let tinyModelPath: string | undefined;

/** The tiny model, written once per run. */
export function tinyModel(): string {
  tinyModelPath ??= writeTinyModel(join(scratch, 'tiny.gguf'));
  return tinyModelPath;
}

export const tinyModelId = 'tiny-test';
/** Its display name: what the model status bar item shows. */
export const tinyModelName = 'Tiny test model';

/** A catalog entry for the tiny model, shaped like the shipped ones. */
function tinyModelEntry(path: string): Record<string, unknown> {
  return tinyCatalogEntry({ id: tinyModelId, name: tinyModelName, path });
}

const modelSettings = [
  'llamaReview.model.provider',
  'llamaReview.model.fallback',
  'llamaReview.server.baseUrl',
  'llamaReview.server.connectTimeoutSeconds',
  'llamaReview.model.userModels',
  'llamaReview.model.model',
  'llamaReview.model.modelsFolder',
  'llamaReview.model.threads',
  'llamaReview.model.gpu',
  'llamaReview.model.contextSize',
  'llamaReview.model.idleUnloadSeconds',
  'llamaReview.model.explain.maxTokens',
];

/** The tiny model for every task, on the CPU with one thread (the fastest for it on a small machine). */
export async function useTinyModel(options: { explainMaxTokens?: number } = {}): Promise<void> {
  await updateSetting('llamaReview.model.userModels', [tinyModelEntry(tinyModel())]);
  await updateSetting('llamaReview.model.model', tinyModelId);
  await updateSetting('llamaReview.model.threads', 1);
  await updateSetting('llamaReview.model.gpu', 'off');
  await updateSetting('llamaReview.model.contextSize', 2048);
  await updateSetting('llamaReview.model.idleUnloadSeconds', 0);
  await updateSetting('llamaReview.model.explain.maxTokens', options.explainMaxTokens ?? 400);
}

/** No model anywhere: an empty models folder and no entries of our own. */
export async function useNoModel(): Promise<void> {
  const empty = join(scratch, 'empty-models');
  mkdirSync(empty, { recursive: true });
  await resetModelSettings();
  await updateSetting('llamaReview.model.modelsFolder', empty);
}

export async function resetModelSettings(): Promise<void> {
  for (const key of modelSettings) await updateSetting(key, undefined);
}

/**
 * Hooks for a suite on the tiny model: the model set before (`ready` gets the test hooks), a
 * forced answer, what `cleanUp` names and the editors cleared after each test, and the settings
 * reset after all.
 */
export function useTinyModelSuite(hooks: { ready: (api: TestingApi) => void; cleanUp: () => Thenable<unknown> }): void {
  let api: TestingApi;
  before(async () => {
    api = await testingApi();
    hooks.ready(api);
    await useTinyModel();
  });
  afterEach(async () => {
    api.setAnswerOverride(undefined);
    await hooks.cleanUp();
    await closeAllEditors();
  });
  after(async () => {
    await resetModelSettings();
  });
}

/** The latest turn of the chat, once `accept` says it is the one wanted. */
export async function waitForTurn(api: TestingApi, what: string, accept: (turn: ChatTurnSeen) => boolean, timeoutMs = 90_000): Promise<ChatTurnSeen> {
  return waitFor(what, () => {
    const turns = api.chat.snapshot().turns;
    const last = turns[turns.length - 1];
    return last && accept(last) ? last : undefined;
  }, timeoutMs);
}

/** Messages shown to the user after index `from`, once at least one arrived. */
export async function newMessages(api: TestingApi, from: number, timeoutMs = 60_000): Promise<string[]> {
  return waitFor('a message to the user', () => (api.messages.length > from ? api.messages.slice(from) : undefined), timeoutMs);
}

/** Runs the "Explain" code action of the first eval-used finding in `document`. */
export async function explainEval(document: vscode.TextDocument): Promise<void> {
  const action = await waitFor('the explain action', async () => {
    const diagnostic = vscode.languages.getDiagnostics(document.uri).find((candidate) => candidate.message.includes('eval'));
    if (!diagnostic) return undefined;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    return actions.find((candidate) => candidate.title.startsWith('Explain eval-used'));
  });
  await vscode.commands.executeCommand(action.command!.command, ...(action.command!.arguments ?? []));
}
