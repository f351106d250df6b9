// Builds the model room's parts from settings: the catalog (with user entries), the models
// folder, and a host. The CLI and the extension differ only in where settings come from and
// which host they use.
import { loadCatalog, type Catalog } from './catalog';
import { ChildProcessHost } from './childHost';
import { InProcessHost, type ModelHost } from './host';
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
export function createHost(settings: ModelSettings, childScript?: string): ModelHost {
  const engine = engineOptionsFor(settings);
  return childScript ? new ChildProcessHost({ scriptPath: childScript, engine }) : new InProcessHost(engine);
}

export function createRuntime(parts: ModelParts, host: ModelHost): ModelRuntime {
  return new ModelRuntime({ ...parts, host });
}
