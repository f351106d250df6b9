// Where model files live: one folder (the extension's global storage, or a configured one), plus
// user entries that point at their own GGUF file. Downloads land in `<file>.partial` and move into
// place only after the size and (when the catalog has one) the sha256 check out, so a file in the
// folder under its real name is always complete.
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CatalogModel } from './catalogSchema';
import { DownloadError, downloadToPartial, freeDiskBytes, resolveModelUri, type DownloadOptions, type DownloadProgress } from './download';

export type ModelFileState = 'installed' | 'partial' | 'missing' | 'wrong-size';

export interface ModelFileStatus {
  state: ModelFileState;
  path: string;
  /** Bytes on disk: of the file, or of the .partial download. */
  bytes: number;
  /** True for user entries that point at their own file. */
  local: boolean;
}

export type ModelLocation = { path: string } | { missing: string };

export interface DownloadRequest {
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
}

export type DownloadTuning = Pick<DownloadOptions, 'connectTimeoutMs' | 'stallTimeoutMs' | 'maxRedirects' | 'freeBytes'>;

/** The user's cache folder for Llama Review: models and the CLI's triage verdicts live under it. */
export function userCacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'llama-review');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'llama-review');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'llama-review');
}

/** The CLI's default models folder (the extension passes its global storage instead). */
export function defaultModelsFolder(env: NodeJS.ProcessEnv = process.env): string {
  return env.LLAMA_REVIEW_MODELS_DIR || join(userCacheFolder(env), 'models');
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const stats = await fs.stat(path);
    return stats.isFile() ? stats.size : undefined;
  } catch {
    return undefined;
  }
}

export class ModelStore {
  private readonly downloads = new Map<string, Promise<string>>();

  constructor(readonly folder: string, private readonly tuning: DownloadTuning = {}) {}

  pathOf(model: CatalogModel): string {
    return model.path ?? join(this.folder, model.fileName);
  }

  private partialPathOf(model: CatalogModel): string {
    return `${join(this.folder, model.fileName)}.partial`;
  }

  async status(model: CatalogModel): Promise<ModelFileStatus> {
    const path = this.pathOf(model);
    const local = model.path !== undefined;
    const bytes = await sizeOf(path);
    if (bytes !== undefined && bytes > 0) {
      const exact = !model.sizeIsApproximate && !local;
      return { state: exact && bytes !== model.sizeBytes ? 'wrong-size' : 'installed', path, bytes, local };
    }
    const partial = local ? undefined : await sizeOf(this.partialPathOf(model));
    if (partial !== undefined) return { state: 'partial', path, bytes: partial, local };
    return { state: 'missing', path, bytes: 0, local };
  }

  /** The file to load, or why there is none. Never downloads. */
  async locate(model: CatalogModel): Promise<ModelLocation> {
    const status = await this.status(model);
    switch (status.state) {
      case 'installed':
        return { path: status.path };
      case 'wrong-size':
        return { missing: `${status.path} has ${status.bytes} bytes, not the ${model.sizeBytes} expected; remove it and download it again` };
      case 'partial':
        return { missing: `only partly downloaded (${status.bytes} bytes); run the download again to finish it` };
      default:
        return { missing: status.local ? `the file ${status.path} does not exist` : 'not downloaded' };
    }
  }

  /** Downloads the model into the folder (one download per file at a time) and returns its path. */
  download(model: CatalogModel, request: DownloadRequest = {}): Promise<string> {
    const target = this.pathOf(model);
    let running = this.downloads.get(target);
    if (!running) {
      running = this.runDownload(model, request).finally(() => this.downloads.delete(target));
      this.downloads.set(target, running);
    }
    return running;
  }

  private async runDownload(model: CatalogModel, request: DownloadRequest): Promise<string> {
    if (model.path !== undefined) throw new Error(`"${model.id}" is a local file (${model.path}); there is nothing to download.`);
    if (!model.uri) throw new Error(`"${model.id}" has no download address ("uri") in the catalog.`);
    const target = this.pathOf(model);
    const partial = this.partialPathOf(model);
    await fs.mkdir(this.folder, { recursive: true });
    await this.checkRoughDiskSpace(model, partial);
    let result;
    try {
      result = await downloadToPartial({ ...this.tuning, url: resolveModelUri(model.uri), partialPath: partial, ...request });
    } catch (error) {
      // An empty .partial helps nobody resume; anything longer is kept for the next attempt.
      if ((await sizeOf(partial)) === 0) await fs.rm(partial, { force: true });
      throw error;
    }
    if (!model.sizeIsApproximate && result.bytes !== model.sizeBytes) {
      await fs.rm(partial, { force: true });
      throw new DownloadError('size-mismatch', `The download of "${model.id}" has ${result.bytes} bytes, not the ${model.sizeBytes} the catalog expects; it was deleted.`);
    }
    if (model.sha256 && result.sha256 !== model.sha256.toLowerCase()) {
      await fs.rm(partial, { force: true });
      throw new DownloadError(
        'checksum',
        `The download of "${model.id}" does not match the catalog's sha256 (got ${result.sha256}, expected ${model.sha256}); it was deleted. The file on the server may have changed, or the transfer was corrupted.`,
      );
    }
    await fs.rename(partial, target);
    return target;
  }

  /** Fails before any network traffic when the catalog size alone cannot fit. */
  private async checkRoughDiskSpace(model: CatalogModel, partial: string): Promise<void> {
    const remaining = model.sizeBytes - ((await sizeOf(partial)) ?? 0);
    const free = await (this.tuning.freeBytes ?? freeDiskBytes)(this.folder);
    if (remaining > free) {
      const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;
      throw new DownloadError('disk-full', `Not enough disk space for "${model.id}": it needs about ${gb(remaining)} in ${this.folder} and ${gb(free)} are free.`);
    }
  }

  /** Deletes the model's file and any partial download; false when there was nothing to delete. */
  async remove(model: CatalogModel): Promise<boolean> {
    if (model.path !== undefined) throw new Error(`"${model.id}" points at your own file (${model.path}); Llama Review does not delete it.`);
    const paths = [this.pathOf(model), this.partialPathOf(model)];
    const existed = await Promise.all(paths.map(async (path) => (await sizeOf(path)) !== undefined));
    await Promise.all(paths.map((path) => fs.rm(path, { force: true })));
    return existed.some(Boolean);
  }
}
