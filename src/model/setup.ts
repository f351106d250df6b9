// Builds the model room's parts from settings: the catalog (with user entries), the models
// folder, and a host. The CLI and the extension differ only in where settings come from and
// which host they use.
import { loadCatalog, type Catalog } from './catalog';
import { ChildProcessHost } from './childHost';
import { InProcessHost, type ModelHost } from './host';
import { LocalProvider } from './localProvider';
import { modelLogLevel, type ModelLog } from './modelLog';
import { OpenAiProvider } from './openai/openAiProvider';
import { ProviderRouter } from './providerRouter';
import { engineOptionsFor, ModelRuntime } from './runtime';
import { resolveModelSettings, type ModelSettings, type ModelSettingsInput } from './settings';
import { defaultModelsFolder, ModelStore } from './store';

export interface ModelSetupOptions {
  settings?: ModelSettingsInput;
  /** Another catalog file instead of the shipped models.json. */
  catalogFile?: string;
  /** Where the extension keeps models (its global storage); the settings' folder wins. */
  defaultFolder?: string;
  env?: NodeJS.ProcessEnv;
}

export interface ModelParts {
  settings: ModelSettings;
  catalog: Catalog;
  store: ModelStore;
}

export function modelParts(options: ModelSetupOptions = {}): ModelParts {
  const env = options.env ?? process.env;
  const settings = resolveModelSettings(options.settings, env);
  const catalog = loadCatalog({ file: options.catalogFile, userEntries: settings.userModels });
  const store = new ModelStore(settings.modelsFolder ?? options.defaultFolder ?? defaultModelsFolder(env));
  return { settings, catalog, store };
}

/** In process for the CLI; in a child process (the bundled modelProcess.js) for the editor. */
export function createHost(settings: ModelSettings, childScript?: string, log?: ModelLog): ModelHost {
  const engine = engineOptionsFor(settings);
  if (childScript) return new ChildProcessHost({ scriptPath: childScript, engine, onLog: log });
  return new InProcessHost(engine, log && ((level, message) => log(modelLogLevel(level), `llama.cpp: ${message}`)));
}

export interface ProviderSetupOptions {
  /** The child-process script for the local model; absent = in this process. */
  childScript?: string;
  log?: ModelLog;
}

/** Every provider the settings can route to, each started on first use. */
export function createProviderRouter(parts: ModelParts, options: ProviderSetupOptions = {}): ProviderRouter {
  return new ProviderRouter(parts.settings, (kind) => {
    if (kind === 'openai') return new OpenAiProvider(parts.settings, options.log);
    const host = createHost(parts.settings, options.childScript, options.log);
    return new LocalProvider(createRuntime(parts, host), host);
  });
}

export function createRuntime(parts: ModelParts, host: ModelHost): ModelRuntime {
  return new ModelRuntime({ ...parts, host });
}
