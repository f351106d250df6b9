// A smoke test of a staged VSIX's model process on this (Linux x64) machine: the staged
// dist/modelProcess.js with the staged node-llama-cpp loads a tiny GGUF and generates a few tokens.
// Used for VSIX files that ship a node-llama-cpp other than the one the tests run with (see
// llamaVersionFor in package.mjs): their JavaScript is the same on every platform, so running it
// here with that version's linux-x64 binaries shows that it works with our model process.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

/** Writes the tiny GGUF with the tests' own writer (test/support/gguf.ts, bundled on the fly). */
function writeTinyModel(repo, folder) {
  const bundle = join(folder, 'gguf.cjs');
  esbuild.buildSync({ entryPoints: [join(repo, 'test', 'support', 'gguf.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'silent' });
  const { writeTinyModel: write } = createRequire(import.meta.url)(bundle);
  return write(join(folder, 'tiny.gguf'));
}

/** Speaks the model process's message protocol (src/model/protocol.ts) with one child. */
function talkTo(child) {
  let nextId = 1;
  const pending = new Map();
  child.on('message', (message) => {
    const waiting = pending.get(message?.id);
    if (!waiting) return;
    if (message.type === 'token') waiting.tokens.push(message.text);
    else if (message.type === 'done') waiting.resolve({ result: message.result, tokens: waiting.tokens });
    else if (message.type === 'error') waiting.reject(new Error(`${message.error.kind}: ${message.error.message}`));
  });
  const gone = new Promise((_, reject) => child.once('exit', (code, signal) => reject(new Error(`the model process exited (${signal ?? code})`))));
  gone.catch(() => undefined);
  return (method, params) => {
    const id = nextId++;
    const answer = new Promise((resolve, reject) => pending.set(id, { resolve, reject, tokens: [] }));
    child.send({ type: 'request', id, method, params });
    return Promise.race([answer, gone]);
  };
}

/**
 * Runs the staged model process in `stageFolder` (whose node_modules must hold a linux-x64 binary
 * package of its node-llama-cpp version); resolves with what it did, rejects with why it failed.
 */
export async function smokeTestModelProcess({ repo, stageFolder, timeoutMs = 180_000 }) {
  const scratch = mkdtempSync(join(tmpdir(), 'llama-review-package-smoke-'));
  const log = [];
  const child = fork(join(stageFolder, 'dist', 'modelProcess.js'), [JSON.stringify({ gpu: 'off', threads: 1, idleUnloadMs: 0 })], {
    cwd: stageFolder,
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  });
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => log.push(String(chunk)));
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    const ask = talkTo(child);
    const run = async () => {
      const path = writeTinyModel(repo, scratch);
      const loaded = await ask('load', { modelId: 'tiny', path, chatFormat: 'llama2', contextSize: 512, gpuLayers: 0 });
      const generated = await ask('generate', { prompt: 'Why is eval() risky?', maxTokens: 8, seed: 1 });
      if (!(generated.result.outputTokens >= 1) || generated.tokens.length === 0) throw new Error(`no tokens came back: ${JSON.stringify(generated.result)}`);
      return { chatWrapper: loaded.result.chatWrapper, outputTokens: generated.result.outputTokens };
    };
    return await Promise.race([run(), deadline]);
  } catch (error) {
    throw new Error(`${error.message}${log.length ? `\n${log.join('').trim().slice(-2000)}` : ''}`);
  } finally {
    clearTimeout(timer);
    if (child.connected) child.disconnect();
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    rmSync(scratch, { recursive: true, force: true });
  }
}
