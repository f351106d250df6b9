// Reads models.json and the user's own entries, and checks every entry against the schema so a
// mistake is reported as "entry X, field Y" instead of failing later in the loader.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { catalogFileSchema, catalogModelSchema, type CatalogModel, type ChatFormat, type UserModelEntry } from './catalogSchema';
import { describeValue, formatViolation, validateJson } from './jsonSchema';

export class CatalogError extends Error {
  override name = 'CatalogError';
}

export class Catalog {
  constructor(readonly models: readonly CatalogModel[]) {}

  get(id: string): CatalogModel | undefined {
    return this.models.find((model) => model.id === id);
  }

  /** Like get, but a missing id is an error that lists the known ids. */
  require(id: string): CatalogModel {
    const model = this.get(id);
    if (!model) throw new CatalogError(`Unknown model "${id}". Known models: ${this.models.map((entry) => entry.id).join(', ')}.`);
    return model;
  }

  /** Entries in fallback order (ties by id, so the order never depends on file order). */
  inFallbackOrder(): CatalogModel[] {
    return [...this.models].sort((a, b) => a.fallbackOrder - b.fallbackOrder || a.id.localeCompare(b.id));
  }
}

function entryLabel(entry: unknown, index: number): string {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? `entry "${id}" (#${index + 1})` : `entry #${index + 1}`;
}

/** Checks one entry; throws a CatalogError naming the source, the entry and each bad field. */
export function validateModelEntry(entry: unknown, index: number, source: string): CatalogModel {
  const violations = validateJson(entry, catalogModelSchema);
  if (violations.length > 0) {
    const details = violations.map((violation) => `  - ${formatViolation(violation)}`).join('\n');
    throw new CatalogError(`${source}: ${entryLabel(entry, index)} is invalid:\n${details}`);
  }
  const model = entry as CatalogModel;
  if (model.uri === undefined && model.path === undefined) {
    throw new CatalogError(`${source}: ${entryLabel(entry, index)} is invalid:\n  - needs "uri" (to download it) or "path" (a local GGUF file)`);
  }
  return model;
}

function checkUniqueIds(models: readonly CatalogModel[], source: string): void {
  const seen = new Set<string>();
  for (const model of models) {
    if (seen.has(model.id)) throw new CatalogError(`${source}: the id "${model.id}" is used by more than one entry.`);
    seen.add(model.id);
  }
}

/** Validates the parsed contents of a catalog file. */
export function parseCatalog(json: unknown, source: string): CatalogModel[] {
  const violations = validateJson(json, catalogFileSchema);
  if (violations.length > 0) {
    throw new CatalogError(`${source}: ${violations.map(formatViolation).join('; ')}.`);
  }
  const models = (json as { models: unknown[] }).models.map((entry, index) => validateModelEntry(entry, index, source));
  checkUniqueIds(models, source);
  return models;
}

/**
 * Applies user entries: `extends` starts from a catalog entry, `path` points at a local file
 * (its file name is taken from the path). A user entry with a catalog id replaces that entry.
 */
export function withUserEntries(base: readonly CatalogModel[], entries: readonly UserModelEntry[], source = 'user models'): CatalogModel[] {
  const models = [...base];
  entries.forEach((entry, index) => {
    const { extends: parentId, ...fields } = entry as UserModelEntry & Record<string, unknown>;
    let merged: Record<string, unknown> = { ...fields };
    if (parentId !== undefined) {
      const parent = models.find((model) => model.id === parentId);
      if (!parent) {
        throw new CatalogError(`${source}: ${entryLabel(entry, index)}: field "extends" names ${describeValue(parentId)}, which is not in the catalog.`);
      }
      // A local file or adapter replaces the parent's download; its hash and size no longer apply.
      const localFile = fields.path !== undefined;
      const replacedDownload = localFile ? { uri: undefined, fileName: undefined, sha256: null, sizeIsApproximate: true } : {};
      merged = { ...parent, ...replacedDownload, ...fields };
      for (const key of ['uri', 'fileName']) if (merged[key] === undefined) delete merged[key];
    }
    if (typeof merged.path === 'string' && merged.fileName === undefined) merged.fileName = basename(merged.path);
    const model = validateModelEntry(merged, index, source);
    const existing = models.findIndex((candidate) => candidate.id === model.id);
    if (existing >= 0) models[existing] = model;
    else models.push(model);
  });
  return models;
}

/**
 * An entry for a GGUF file given on the command line or picked in the editor. Its memory needs
 * are estimated from the file size, with a 7B-class KV cache per token to stay on the safe side.
 */
export function localFileEntry(path: string, chatFormat: ChatFormat = 'auto', id = 'local-file'): CatalogModel {
  let sizeBytes: number;
  try {
    sizeBytes = statSync(path).size;
  } catch {
    throw new CatalogError(`The model file ${path} does not exist.`);
  }
  const withOverhead = Math.max(1, Math.round(sizeBytes * 1.05 + 300 * 1024 * 1024));
  return {
    id,
    name: basename(path),
    family: 'local',
    parametersBillions: Math.max(0.01, Math.round((sizeBytes / 0.6e9) * 10) / 10),
    quantization: 'unknown',
    fileName: basename(path),
    path,
    sizeBytes: Math.max(1, sizeBytes),
    sizeIsApproximate: true,
    sha256: null,
    contextLength: 4096,
    chatFormat,
    ramBytes: withOverhead,
    vramBytes: withOverhead,
    kvCacheBytesPerToken: 524_288,
    tasks: ['explain', 'fix', 'review', 'docstring', 'triage'],
    fallbackOrder: 1,
    tier: 'standard',
  };
}

/** models.json ships at the package root: above dist/ in the extension, above the compiled src/model in a checkout. */
export function defaultCatalogPath(): string {
  for (let folder = __dirname; ; folder = dirname(folder)) {
    const candidate = join(folder, 'models.json');
    if (existsSync(candidate) && existsSync(join(folder, 'package.json'))) return candidate;
    if (dirname(folder) === folder) throw new CatalogError(`models.json was not found above ${__dirname}.`);
  }
}

export interface LoadCatalogOptions {
  file?: string;
  userEntries?: readonly UserModelEntry[];
}

export function loadCatalog(options: LoadCatalogOptions = {}): Catalog {
  const file = options.file ?? defaultCatalogPath();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CatalogError(`Cannot read the model catalog ${file}: ${(error as Error).message}`);
  }
  const models = parseCatalog(json, basename(file));
  return new Catalog(withUserEntries(models, options.userEntries ?? []));
}
