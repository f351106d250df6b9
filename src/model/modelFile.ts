// A quick look at a model file before llama.cpp sees it, so the common mistakes (no file, an
// empty or half-written download, something that is not GGUF) get a message a user can act on.
import { promises as fs } from 'node:fs';
import { ModelError } from './errors';
import type { Llama, LlamaModule } from './llamaModule';

const ggufMagic = Buffer.from('GGUF', 'ascii');
/** Magic, version, tensor count, metadata count. */
const headerBytes = 24;
const supportedVersions = new Set([2, 3]);

export async function checkModelFile(path: string): Promise<void> {
  let stats;
  try {
    stats = await fs.stat(path);
  } catch {
    throw new ModelError('bad-file', `Model file not found: ${path}. Download the model again or fix the path in the settings.`);
  }
  if (!stats.isFile()) throw new ModelError('bad-file', `${path} is not a file; point the setting at a .gguf file.`);
  if (stats.size === 0) throw new ModelError('bad-file', `${path} is empty (0 bytes); a download probably failed. Remove it and download the model again.`);
  const header = Buffer.alloc(headerBytes);
  const handle = await fs.open(path, 'r');
  let read: number;
  try {
    ({ bytesRead: read } = await handle.read(header, 0, headerBytes, 0));
  } finally {
    await handle.close();
  }
  if (read < headerBytes || !header.subarray(0, 4).equals(ggufMagic)) {
    throw new ModelError('bad-file', `${path} is not a GGUF model file (it does not start with "GGUF"). Use a .gguf file made for llama.cpp.`);
  }
  const version = header.readUInt32LE(4);
  if (!supportedVersions.has(version)) {
    throw new ModelError('bad-file', `${path} is GGUF version ${version}, which this llama.cpp cannot read (it reads versions 2 and 3).`);
  }
}

/**
 * A file cut short (an interrupted copy or download) must be caught before llama.cpp loads it:
 * the native loader does report it, but node-llama-cpp 3.22 then never finishes disposing the
 * runtime. The header says how many tensor bytes follow it; the file must hold them all.
 */
export async function checkTensorData(path: string, llamaCpp: LlamaModule, llama: Llama): Promise<void> {
  let expectedBytes: number;
  try {
    const info = await llamaCpp.readGgufFileInfo(path, {
      sourceType: 'filesystem',
      logWarnings: false,
      spliceSplitFiles: false,
      // The vocabulary is the bulk of the header and plays no part in the sizes.
      ignoreKeys: ['tokenizer.ggml.tokens', 'tokenizer.ggml.scores', 'tokenizer.ggml.token_type', 'tokenizer.ggml.merges'],
    });
    const insights = await llamaCpp.GgufInsights.from(info, llama);
    expectedBytes = (info.infoEndOffset ?? 0) + insights.modelSize;
  } catch (error) {
    throw new ModelError('bad-file', `${path} is not a readable GGUF model file: ${(error as Error).message}.`);
  }
  const { size } = await fs.stat(path);
  if (size < expectedBytes) {
    throw new ModelError('bad-file', `${path} is cut short: it has ${size} bytes but its tensors need ${expectedBytes}. The copy or download was probably interrupted; remove it and download the model again.`);
  }
}
