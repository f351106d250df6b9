import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogModel } from '../../../src/model/catalogSchema';
import { DownloadError, resolveModelUri, type DownloadFailure } from '../../../src/model/download';
import { ModelStore, type DownloadTuning } from '../../../src/model/store';
import { localEntry, ModelScratch } from '../../support/modelFixtures';
import { closedPort, FileServer } from '../../support/modelServer';

const body = Buffer.from(Array.from({ length: 200_000 }, (_, index) => (index * 31 + 7) % 251));
const bodySha256 = createHash('sha256').update(body).digest('hex');
/** Short limits so failures show quickly; plenty of free disk unless a test says otherwise. */
const tuning: DownloadTuning = { connectTimeoutMs: 500, stallTimeoutMs: 500, freeBytes: async () => 1e12 };

function downloadable(url: string, overrides: Partial<CatalogModel> = {}): CatalogModel {
  const entry = localEntry('remote-model', '', { uri: url, sizeBytes: body.length, sizeIsApproximate: false, sha256: bodySha256, fileName: 'remote-model.gguf', ...overrides });
  delete entry.path;
  return entry;
}

function failsWith(reason: DownloadFailure, message?: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof DownloadError, `expected a DownloadError, got ${String(error)}`);
    assert.equal(error.reason, reason, error.message);
    if (message) assert.match(error.message, message);
    return true;
  };
}

describe('model downloads (loopback HTTP server)', function () {
  this.timeout(30_000);
  let scratch: ModelScratch;
  let server: FileServer;
  let store: ModelStore;

  beforeEach(async () => {
    scratch = new ModelScratch();
    server = await new FileServer(body).start();
    store = new ModelStore(join(scratch.folder, 'models'), tuning);
  });

  afterEach(async () => {
    await server.stop();
    scratch.dispose();
  });

  const filesInStore = () => (existsSync(store.folder) ? readdirSync(store.folder) : []);

  it('maps hf: URIs to the Hugging Face main branch', () => {
    assert.equal(
      resolveModelUri('hf:TheBloke/CodeLlama-7B-Instruct-GGUF/codellama-7b-instruct.Q4_K_M.gguf'),
      'https://huggingface.co/TheBloke/CodeLlama-7B-Instruct-GGUF/resolve/main/codellama-7b-instruct.Q4_K_M.gguf',
    );
    assert.equal(resolveModelUri('https://example.org/a.gguf'), 'https://example.org/a.gguf');
    assert.throws(() => resolveModelUri('hf:owner-only'), /hf:owner\/repo\/file\.gguf/);
  });

  it('touches the network only when asked to download', async () => {
    const model = downloadable(server.url());
    assert.deepEqual(await store.locate(model), { missing: 'not downloaded' });
    assert.equal((await store.status(model)).state, 'missing');
    assert.equal(server.requests.length, 0);
  });

  it('downloads with progress, checks the sha256 and moves the file into place', async () => {
    const progress: number[] = [];
    const model = downloadable(server.url());
    const path = await store.download(model, { onProgress: (update) => progress.push(update.receivedBytes) });
    assert.deepEqual(readFileSync(path), body);
    assert.deepEqual(filesInStore(), ['remote-model.gguf']);
    assert.equal(progress.at(-1), body.length);
    assert.ok(progress.length > 1);
    assert.deepEqual(await store.locate(model), { path });
  });

  it('resumes a cut transfer from the .partial file with a Range request', async () => {
    server.plan.push({ kind: 'cut', afterBytes: 80_000 });
    const model = downloadable(server.url());
    await assert.rejects(store.download(model), (error: unknown) => error instanceof DownloadError && /Run (it|the download) again to resume/.test(error.message));
    assert.deepEqual(filesInStore(), ['remote-model.gguf.partial'], 'only the partial file is there');
    const status = await store.status(model);
    assert.equal(status.state, 'partial');
    assert.ok(status.bytes > 0 && status.bytes < body.length);

    const path = await store.download(model);
    assert.deepEqual(readFileSync(path), body);
    assert.equal(server.requests.at(-1)?.range, `bytes=${status.bytes}-`);
    assert.deepEqual(filesInStore(), ['remote-model.gguf']);
  });

  it('rejects a wrong checksum and leaves nothing half-written behind', async () => {
    const model = downloadable(server.url(), { sha256: 'ab'.repeat(32) });
    await assert.rejects(store.download(model), failsWith('checksum', /does not match the catalog's sha256.*it was deleted/));
    assert.deepEqual(filesInStore(), []);
  });

  it('checks the size when the catalog has no sha256', async () => {
    const model = downloadable(server.url(), { sha256: null, sizeBytes: body.length + 1 });
    await assert.rejects(store.download(model), failsWith('size-mismatch'));
    assert.deepEqual(filesInStore(), []);
  });

  it('fails fast on a refused connection', async () => {
    const model = downloadable(`http://127.0.0.1:${await closedPort()}/model.gguf`);
    await assert.rejects(store.download(model), failsWith('refused', /connection was refused/));
    assert.deepEqual(filesInStore(), []);
  });

  it('fails when the server stops sending (stall timeout), keeping the bytes for a resume', async () => {
    server.plan.push({ kind: 'stall', afterBytes: 50_000 });
    const model = downloadable(server.url());
    await assert.rejects(store.download(model), failsWith('stalled', /no data for 0\.5 s/));
    assert.equal((await store.status(model)).state, 'partial');
  });

  it('fails when the server never answers (connect timeout)', async () => {
    server.plan.push({ kind: 'silent' });
    await assert.rejects(store.download(downloadable(server.url())), failsWith('connect-timeout', /No answer from 127\.0\.0\.1/));
  });

  it('reports a 404 plainly', async () => {
    server.plan.push({ kind: 'status', status: 404 });
    await assert.rejects(store.download(downloadable(server.url())), failsWith('http-status', /not found \(404\)/));
    assert.deepEqual(filesInStore(), []);
  });

  it('follows redirects', async () => {
    server.plan.push({ kind: 'redirect', location: '/elsewhere/model.gguf' });
    const path = await store.download(downloadable(server.url()));
    assert.deepEqual(readFileSync(path), body);
    assert.equal(server.requests.at(-1)?.path, '/elsewhere/model.gguf');
  });

  it('stops on an AbortSignal', async () => {
    server.plan.push({ kind: 'stall', afterBytes: 10_000 });
    const controller = new AbortController();
    const running = store.download(downloadable(server.url()), {
      signal: controller.signal,
      onProgress: (update) => update.receivedBytes > 0 && controller.abort(),
    });
    await assert.rejects(running, failsWith('aborted', /cancelled/));
  });

  it('refuses to start without the disk space', async () => {
    const tight = new ModelStore(store.folder, { ...tuning, freeBytes: async () => 1000 });
    await assert.rejects(tight.download(downloadable(server.url())), failsWith('disk-full', /Not enough disk space/));
    assert.equal(server.requests.length, 0);
  });

  it('removes a downloaded model and its partial file', async () => {
    const model = downloadable(server.url());
    await store.download(model);
    assert.equal(await store.remove(model), true);
    assert.deepEqual(filesInStore(), []);
    assert.equal(await store.remove(model), false);
  });
});
