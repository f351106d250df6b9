// A small HTTP(S) downloader for model files. node-llama-cpp's downloader retried a refused
// connection for minutes and reported success for an aborted download with no file, so this one
// fails fast and plainly: connect and stall timeouts, an AbortSignal, Range resume from a
// .partial file, and a sha256 computed while the bytes stream in.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type DownloadFailure =
  | 'refused'
  | 'unreachable'
  | 'connect-timeout'
  | 'stalled'
  | 'http-status'
  | 'too-many-redirects'
  /** The finished file is not the size the catalog says. */
  | 'size-mismatch'
  | 'checksum'
  | 'disk-full'
  | 'aborted'
  | 'network';

export class DownloadError extends Error {
  override name = 'DownloadError';

  constructor(readonly reason: DownloadFailure, message: string) {
    super(message);
  }
}

export interface DownloadProgress {
  receivedBytes: number;
  /** Undefined when the server does not say. */
  totalBytes?: number;
  /** Bytes that were already in the .partial file when this download started. */
  resumedFromBytes: number;
}

export interface DownloadOptions {
  url: string;
  /** Bytes land here; an existing file is resumed with a Range request. */
  partialPath: string;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** From the request until the response headers arrive. */
  connectTimeoutMs?: number;
  /** Longest wait for the next bytes once the body is flowing. */
  stallTimeoutMs?: number;
  maxRedirects?: number;
  /** Free bytes on the disk of a folder; tests replace it. */
  freeBytes?: (folder: string) => Promise<number>;
}

export interface DownloadResult {
  bytes: number;
  sha256: string;
}

const defaults = { connectTimeoutMs: 15_000, stallTimeoutMs: 30_000, maxRedirects: 5 };
/** Free space to leave on the disk after the download. */
const diskMarginBytes = 64 * 1024 * 1024;

/** `hf:owner/repo/path/file.gguf` -> the file on Hugging Face's main branch; URLs pass through. */
export function resolveModelUri(uri: string): string {
  if (!uri.startsWith('hf:')) return uri;
  const [owner, repo, ...file] = uri.slice(3).split('/');
  if (!owner || !repo || file.length === 0) throw new Error(`"${uri}" is not of the form hf:owner/repo/file.gguf.`);
  return `https://huggingface.co/${owner}/${repo}/resolve/main/${file.map(encodeURIComponent).join('/')}`;
}

export async function freeDiskBytes(folder: string): Promise<number> {
  const stats = await fs.statfs(folder);
  return stats.bavail * stats.bsize;
}

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${bytes} bytes`;
}

function networkFailure(error: NodeJS.ErrnoException, url: URL): DownloadError {
  switch (error.code) {
    case 'ECONNREFUSED':
      return new DownloadError('refused', `Could not connect to ${url.host}: the connection was refused. Check the address, or whether a proxy or firewall blocks it.`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new DownloadError('unreachable', `Could not find ${url.hostname}: the name did not resolve. Check the network connection.`);
    case 'ENOSPC':
      return new DownloadError('disk-full', 'The disk filled up during the download; free some space and run it again to resume.');
    default:
      return new DownloadError('network', `The download from ${url.host} failed: ${error.message}. Run it again to resume.`);
  }
}

interface Response {
  response: http.IncomingMessage;
  request: http.ClientRequest;
  url: URL;
}

/** One GET with the connect timeout; follows redirects. */
async function open(url: URL, rangeStart: number, options: DownloadOptions, redirectsLeft: number): Promise<Response> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DownloadError('network', `Unsupported URL scheme in ${url.href}.`);
  const client = url.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { 'user-agent': 'llama-review', accept: '*/*' };
  if (rangeStart > 0) headers.range = `bytes=${rangeStart}-`;
  const timeoutMs = options.connectTimeoutMs ?? defaults.connectTimeoutMs;
  const { response, request } = await new Promise<{ response: http.IncomingMessage; request: http.ClientRequest }>((resolve, reject) => {
    const request = client.get(url, { headers, signal: options.signal });
    const timer = setTimeout(() => {
      request.destroy(new DownloadError('connect-timeout', `No answer from ${url.host} within ${timeoutMs / 1000} s. Check the network connection and try again.`));
    }, timeoutMs);
    request.once('response', (response) => {
      clearTimeout(timer);
      resolve({ response, request });
    });
    request.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  }).catch((error: NodeJS.ErrnoException) => {
    if (error instanceof DownloadError) throw error;
    if (options.signal?.aborted) throw abortedError(rangeStart);
    throw networkFailure(error, url);
  });
  const status = response.statusCode ?? 0;
  if (status >= 300 && status < 400 && response.headers.location) {
    response.resume();
    request.destroy();
    if (redirectsLeft <= 0) throw new DownloadError('too-many-redirects', `Too many redirects from ${url.href}.`);
    return open(new URL(response.headers.location, url), rangeStart, options, redirectsLeft - 1);
  }
  return { response, request, url };
}

function closedEarly(url: URL, received: number, totalBytes: number | undefined): DownloadError {
  const of = totalBytes === undefined ? '' : ` of ${describeBytes(totalBytes)}`;
  return new DownloadError('network', `${url.host} closed the connection early: ${describeBytes(received)}${of} arrived. Run the download again to resume.`);
}

function abortedError(keptBytes: number): DownloadError {
  return new DownloadError('aborted', `The download was cancelled; ${describeBytes(keptBytes)} are kept to resume it later.`);
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await fs.stat(path)).size;
  } catch {
    return 0;
  }
}

async function hashExisting(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

/** Where the body starts in the file: the Range offset when honoured, 0 when the server resent it all. */
function bodyOffset(response: http.IncomingMessage, requestedStart: number, url: URL): number {
  const status = response.statusCode ?? 0;
  if (status === 200) return 0;
  if (status === 206) {
    const match = /^bytes (\d+)-/.exec(response.headers['content-range'] ?? '');
    return match && Number(match[1]) === requestedStart ? requestedStart : 0;
  }
  const what = status === 404 ? 'not found (404)' : `status ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`;
  throw new DownloadError('http-status', `The server answered ${what} for ${url.href}.`);
}

function totalBytesOf(response: http.IncomingMessage, offset: number): number | undefined {
  const range = /\/(\d+)$/.exec(response.headers['content-range'] ?? '');
  if (range) return Number(range[1]);
  const length = Number(response.headers['content-length']);
  return Number.isFinite(length) && response.headers['content-length'] !== undefined ? offset + length : undefined;
}

/**
 * Downloads `url` into `partialPath`, resuming what is there. Resolves with the file's size and
 * sha256 once every byte the server announced has arrived; the caller checks them and moves the
 * file into place.
 */
export async function downloadToPartial(options: DownloadOptions): Promise<DownloadResult> {
  let url = new URL(options.url);
  await fs.mkdir(dirname(options.partialPath), { recursive: true });
  let existing = await fileSize(options.partialPath);
  if (options.signal?.aborted) throw abortedError(existing);

  let opened = await open(url, existing, options, options.maxRedirects ?? defaults.maxRedirects);
  if (opened.response.statusCode === 416 && existing > 0) {
    // The partial file is not a prefix the server can continue: start over.
    opened.response.resume();
    opened.request.destroy();
    await fs.rm(options.partialPath, { force: true });
    existing = 0;
    opened = await open(url, 0, options, options.maxRedirects ?? defaults.maxRedirects);
  }
  const { response, request } = opened;
  url = opened.url;
  let offset: number;
  try {
    offset = bodyOffset(response, existing, url);
  } catch (error) {
    response.resume();
    request.destroy();
    throw error;
  }
  const totalBytes = totalBytesOf(response, offset);
  if (totalBytes !== undefined) {
    const free = await (options.freeBytes ?? freeDiskBytes)(dirname(options.partialPath));
    const needed = totalBytes - offset + diskMarginBytes;
    if (free < needed) {
      request.destroy();
      throw new DownloadError('disk-full', `Not enough disk space: the download needs ${describeBytes(needed)} free in ${dirname(options.partialPath)} and ${describeBytes(free)} are.`);
    }
  }

  const hash = createHash('sha256');
  if (offset > 0) await hashExisting(options.partialPath, hash);
  let received = offset;
  const report = () => options.onProgress?.({ receivedBytes: received, totalBytes, resumedFromBytes: offset });
  report();

  const stallMs = options.stallTimeoutMs ?? defaults.stallTimeoutMs;
  let stallTimer: NodeJS.Timeout | undefined;
  // The response stream reports a destroyed socket as a plain reset; remember the real cause.
  let stalled: DownloadError | undefined;
  const armStallTimer = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => {
      stalled = new DownloadError('stalled', `The download from ${url.host} stalled: no data for ${stallMs / 1000} s at ${describeBytes(received)}. Run it again to resume.`);
      response.destroy(stalled);
      request.destroy();
    }, stallMs);
  };
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      armStallTimer();
      hash.update(chunk);
      received += chunk.length;
      report();
      done(null, chunk);
    },
  });

  armStallTimer();
  try {
    await pipeline(response, meter, createWriteStream(options.partialPath, { flags: offset > 0 ? 'a' : 'w' }));
  } catch (error) {
    if (stalled) throw stalled;
    if (error instanceof DownloadError) throw error;
    if (options.signal?.aborted) throw abortedError(received);
    const code = (error as NodeJS.ErrnoException).code;
    // Node reports a server hanging up mid-body as "aborted" / ECONNRESET.
    if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || (error as Error).message === 'aborted') throw closedEarly(url, received, totalBytes);
    throw networkFailure(error as NodeJS.ErrnoException, url);
  } finally {
    clearTimeout(stallTimer);
    request.destroy();
  }
  if (totalBytes !== undefined && received !== totalBytes) throw closedEarly(url, received, totalBytes);
  return { bytes: received, sha256: hash.digest('hex') };
}
