// Every setting the editor reads, read in one place. Workspace Trust: in a restricted workspace the
// settings that name files, commands or endpoints keep only the user's own value, because a
// cloned repository's .vscode/settings.json must not choose what the extension reads or runs.
import { isAbsolute } from 'node:path';
import * as vscode from 'vscode';
import { defaultMaxBytes, defaultThresholds, defaultTimeBudgetMs } from '../analysis/defaults';
import type { AnalyzeOptions } from '../analysis/engine';
import type { Severity } from '../analysis/finding';
import { modelTasks, type ModelTask } from '../model/catalogSchema';
import { gpuSettings, type GpuSetting, type ModelSettingsInput, type ServerSettings, type TaskSettings } from '../model/settings';
import { providerKinds, type ProviderKind } from '../model/provider';
import type { SuppressionStyle } from './suppressionEdit';

export const settingsSection = 'llamaReview';

/** Settings that name files, commands or endpoints; package.json lists the same under restrictedConfigurations. */
export const restrictedSettings = ['llamaReview.model.modelsFolder', 'llamaReview.model.userModels', 'llamaReview.server.baseUrl', 'llamaReview.server.headers'] as const;

export interface EditorSettings {
  enabled: boolean;
  /** Review while typing; when off, only on open and save. */
  reviewOnType: boolean;
  debounceMs: number;
  /** What analyze() gets, minus the per-document cache key and file path. */
  analysis: Omit<AnalyzeOptions, 'cacheKey' | 'filePath'>;
  /** Where a slow file is worth a warning in the log (half the budget). */
  slowFileMs: number;
  suppressionStyle: SuppressionStyle;
  showSuppressAction: boolean;
}

const ruleSeverities = new Set<string>(['error', 'warning', 'info', 'hint', 'off']);
const suppressionStyles = new Set<string>(['llama-review', 'noqa', 'nosec']);

function boundedNumber(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
}

/** `{"eval-used": "error", "compare-to-none": "off"}`; unknown severities are dropped. */
function severityOverrides(value: unknown): Record<string, Severity | 'off'> {
  if (!value || typeof value !== 'object') return {};
  const entries = Object.entries(value as Record<string, unknown>).filter(
    (entry): entry is [string, Severity | 'off'] => typeof entry[1] === 'string' && ruleSeverities.has(entry[1]),
  );
  return Object.fromEntries(entries);
}

export function readEditorSettings(scope?: vscode.ConfigurationScope): EditorSettings {
  const config = vscode.workspace.getConfiguration(settingsSection, scope);
  const timeBudgetMs = boundedNumber(config.get('timeBudgetMs'), defaultTimeBudgetMs, 100, 60_000);
  const style = config.get<string>('suppressionStyle', 'llama-review');
  return {
    enabled: config.get<boolean>('enable', true),
    reviewOnType: config.get<boolean>('reviewOnType', true),
    debounceMs: boundedNumber(config.get('debounceMs'), 300, 0, 10_000),
    analysis: {
      select: stringList(config.get('select')),
      ignore: stringList(config.get('ignore')),
      severityOverrides: severityOverrides(config.get('rules')),
      maxBytes: boundedNumber(config.get('maxFileSizeKB'), defaultMaxBytes / 1024, 1, 100 * 1024) * 1024,
      timeBudgetMs,
      thresholds: {
        complexity: boundedNumber(config.get('thresholds.complexity'), defaultThresholds.complexity, 1, 1000),
        nesting: boundedNumber(config.get('thresholds.nesting'), defaultThresholds.nesting, 1, 100),
      },
      followImports: config.get<boolean>('flow.followImports', true),
      environmentSources: config.get<boolean>('flow.environmentSources', false),
      demoteTestCode: config.get<boolean>('testCode.demote', true),
    },
    slowFileMs: timeBudgetMs / 2,
    suppressionStyle: (suppressionStyles.has(style) ? style : 'llama-review') as SuppressionStyle,
    showSuppressAction: config.get<boolean>('codeActions.showSuppress', true),
  };
}

/** Folder names whose .html, .htm, .txt and .xml files are templates (llamaReview.templates.folders). */
export function readTemplateFolders(scope?: vscode.ConfigurationScope): string[] {
  const folders = stringList(vscode.workspace.getConfiguration(settingsSection, scope).get('templates.folders'));
  return folders.length > 0 ? folders : ['templates'];
}

/** Which findings the Problems panel shows (llamaReview.showFindings). */
export type ShowFindings = 'all' | 'newSinceBaseline' | 'changedLines';
const showFindingsModes = new Set<string>(['all', 'newSinceBaseline', 'changedLines']);
export const defaultBaselineFile = '.llama-review-baseline.json';

export function readShowFindings(scope?: vscode.ConfigurationScope): ShowFindings {
  const mode = vscode.workspace.getConfiguration(settingsSection, scope).get<string>('showFindings', 'all');
  return (showFindingsModes.has(mode) ? mode : 'all') as ShowFindings;
}

function isInside(folder: vscode.Uri, uri: vscode.Uri): boolean {
  const root = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  return uri.scheme === folder.scheme && uri.authority === folder.authority && uri.path.startsWith(root);
}

/**
 * A workspace folder's baseline file (llamaReview.baselineFile, relative to the folder). In a
 * restricted workspace a path outside the folder is ignored for the default, so that a cloned
 * repository's settings cannot point the extension at other files.
 */
export function baselineFileOf(folder: vscode.WorkspaceFolder): vscode.Uri {
  const setting = vscode.workspace.getConfiguration(settingsSection, folder).get<string>('baselineFile', defaultBaselineFile).trim() || defaultBaselineFile;
  const absolute = folder.uri.scheme === 'file' && isAbsolute(setting);
  const file = absolute ? vscode.Uri.file(setting) : vscode.Uri.joinPath(folder.uri, setting);
  return isInside(folder.uri, file) || vscode.workspace.isTrusted ? file : vscode.Uri.joinPath(folder.uri, defaultBaselineFile);
}

/** A restricted setting's value: in an untrusted workspace only the user's own value or the default. */
function trustAwareSetting<T>(key: (typeof restrictedSettings)[number]): T | undefined {
  const config = vscode.workspace.getConfiguration();
  if (vscode.workspace.isTrusted) return config.get<T>(key);
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/** The model settings that name files, for the model host; the rest come from its own defaults. */
export function readModelLocations(): ModelSettingsInput {
  const modelsFolder = trustAwareSetting<string>('llamaReview.model.modelsFolder')?.trim();
  const userModels = trustAwareSetting<ModelSettingsInput['userModels']>('llamaReview.model.userModels');
  return {
    ...(modelsFolder ? { modelsFolder } : {}),
    ...(Array.isArray(userModels) && userModels.length > 0 ? { userModels } : {}),
  };
}

/** `llamaReview.model.model` when a task has no model of its own; `auto` lets selection choose. */
export const modelSettingKey = 'llamaReview.model.model';

/** 0 means "auto" in the numeric settings that have an automatic choice. */
function autoOrNumber(value: unknown, min: number, max: number): 'auto' | number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(max, Math.max(min, Math.round(value))) : 'auto';
}

function taskSettings(config: vscode.WorkspaceConfiguration, task: ModelTask, fallbackModel: string): Partial<TaskSettings> {
  const own = config.get<string>(`${task}.model`, '').trim();
  const settings: Partial<TaskSettings> = { model: own || fallbackModel };
  const provider = providerSetting(config.get(`${task}.provider`));
  if (provider) settings.provider = provider;
  const serverModel = vscode.workspace.getConfiguration(`${settingsSection}.server`).get<unknown>(`${task}Model`);
  if (typeof serverModel === 'string' && serverModel.trim()) settings.serverModel = serverModel.trim();
  const temperature = config.get<unknown>(`${task}.temperature`);
  if (typeof temperature === 'number' && Number.isFinite(temperature)) settings.temperature = Math.min(2, Math.max(0, temperature));
  const maxTokens = config.get<unknown>(`${task}.maxTokens`);
  if (typeof maxTokens === 'number' && Number.isFinite(maxTokens) && maxTokens > 0) settings.maxTokens = Math.min(32768, Math.round(maxTokens));
  return settings;
}

/** Every model setting (llamaReview.model.*), for the model runtime; environment variables still win there. */
export function readModelSettings(): ModelSettingsInput {
  const config = vscode.workspace.getConfiguration(`${settingsSection}.model`);
  const gpu = config.get<string>('gpu', 'auto');
  const fallbackModel = config.get<string>('model', 'auto').trim() || 'auto';
  const tasks = Object.fromEntries(modelTasks.map((task) => [task, taskSettings(config, task, fallbackModel)])) as ModelSettingsInput['tasks'];
  return {
    ...readModelLocations(),
    gpu: (gpuSettings as readonly string[]).includes(gpu) ? (gpu as GpuSetting) : 'auto',
    threads: autoOrNumber(config.get('threads'), 1, 1024),
    contextSize: autoOrNumber(config.get('contextSize'), 256, 1_048_576),
    idleUnloadSeconds: boundedNumber(config.get('idleUnloadSeconds'), 300, 0, 86_400),
    tasks,
    provider: providerSetting(config.get('provider')) ?? 'local',
    fallback: config.get<string>('fallback') === 'none' ? 'none' : 'local',
    logPrompts: config.get<boolean>('logPrompts', false) === true,
    server: readServerSettings(),
  };
}

function providerSetting(value: unknown): ProviderKind | undefined {
  return typeof value === 'string' && (providerKinds as readonly string[]).includes(value) ? (value as ProviderKind) : undefined;
}

/** Plain string values only: headers are sent as they are, so nothing else gets through. */
function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0].trim() !== ''));
}

/**
 * llamaReview.server.*: where a team server is and how long to wait for it. The URL and headers
 * are restricted: a cloned repository's settings must not send its reader's code elsewhere. The
 * API key is not a setting at all (SecretStorage; see ModelService).
 */
export function readServerSettings(): Partial<ServerSettings> {
  const config = vscode.workspace.getConfiguration(`${settingsSection}.server`);
  const seconds = (key: string, fallback: number) => boundedNumber(config.get(key), fallback, 1, 3600) * 1000;
  return {
    baseUrl: (trustAwareSetting<string>('llamaReview.server.baseUrl') ?? '').trim().replace(/\/+$/, ''),
    model: config.get<string>('model', '').trim(),
    headers: stringRecord(trustAwareSetting('llamaReview.server.headers')),
    connectTimeoutMs: seconds('connectTimeoutSeconds', 10),
    stallTimeoutMs: seconds('stallTimeoutSeconds', 60),
    maxRetries: boundedNumber(config.get('maxRetries'), 2, 0, 10),
    concurrency: boundedNumber(config.get('concurrency'), 2, 1, 32),
  };
}

/** Fires when a setting of ours changes or trust is granted (restricted settings then start to count). */
export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(settingsSection)) listener();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(listener),
  );
}
