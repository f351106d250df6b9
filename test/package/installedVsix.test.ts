// The linux-x64 VSIX as a user gets it: installed with code-server's --install-extension into a
// fresh extensions folder, loaded as an ordinary extension (never as a development extension).
// It must review Python files, and its model process must run a model with the node-llama-cpp
// and prebuilt binaries inside the VSIX.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import type { UserModelEntry } from '../../src/model/catalogSchema';
import { createHost, createRuntime, modelParts } from '../../src/model/setup';
import { closeAllEditors, evalAt, extensionId, noneComparisonAt, openPython, updateSetting, waitFor, waitForDiagnostics } from '../integration/support';
import { writeTinyModel } from '../support/gguf';
import { tinyCatalogEntry } from '../support/tinyCatalogEntry';

const extensionsDir = process.env.LLAMA_REVIEW_EXTENSIONS_DIR;
const checkout = process.env.LLAMA_REVIEW_CHECKOUT;

function isInside(path: string, folder: string): boolean {
  const relation = relative(folder, path);
  return relation !== '' && !relation.startsWith('..') && !relation.startsWith(sep);
}

function filesUnder(folder: string): string[] {
  const files: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(folder, path).split(sep).join('/'));
    }
  };
  walk(folder);
  return files;
}

/** The extension's log file: code-server keeps its user data in $TMPDIR/user-data (scripts/code-server.mjs). */
function extensionLog(): string | undefined {
  const logs = join(process.env.TMPDIR ?? tmpdir(), 'user-data', 'logs');
  if (!existsSync(logs)) return undefined;
  const found = filesUnder(logs).filter((file) => file.endsWith('Llama Review.log')).map((file) => join(logs, file));
  return found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

/** Command lines of the processes running `script` (Linux: /proc). */
function processesRunning(script: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const commandLine = readFileSync(join('/proc', pid, 'cmdline'), 'utf8').split('\0').join(' ');
      if (commandLine.includes(script)) found.push(commandLine);
    } catch {
      // the process ended meanwhile
    }
  }
  return found;
}

/** A catalog entry for the tiny GGUF, as a user would put it in llamaReview.model.userModels. */
function tinyEntry(id: string, path: string): UserModelEntry {
  return tinyCatalogEntry({ id, name: 'Tiny test model', path, sizeBytes: statSync(path).size }) as UserModelEntry;
}

const modelSettings = ['userModels', 'model', 'threads', 'gpu', 'contextSize', 'idleUnloadSeconds', 'explain.maxTokens'].map((key) => `llamaReview.model.${key}`);

describe('Packaged VSIX (linux-x64), installed into VS Code', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'llama-review-packaged-model-'));
  const modelPath = writeTinyModel(join(scratch, 'tiny.gguf'));
  const extension = () => {
    const found = vscode.extensions.getExtension(extensionId);
    assert.ok(found, `${extensionId} is not installed`);
    return found;
  };

  after(async () => {
    await closeAllEditors();
    for (const key of modelSettings) await updateSetting(key, undefined);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('is the extension installed from the VSIX, not a development copy', () => {
    assert.ok(extensionsDir && checkout, 'the runner sets LLAMA_REVIEW_EXTENSIONS_DIR and LLAMA_REVIEW_CHECKOUT');
    const installed = extension().extensionPath;
    console.log(`    installed at ${installed}`);
    assert.ok(isInside(installed, extensionsDir), `${installed} is not in the extensions folder ${extensionsDir}`);
    assert.ok(!isInside(installed, checkout), `${installed} is inside the checkout`);
    // Node looks for node_modules in every folder above; none must exist, so the model process can
    // only load the node-llama-cpp that the VSIX brought.
    for (let folder = dirname(installed); dirname(folder) !== folder; folder = dirname(folder)) {
      assert.ok(!existsSync(join(folder, 'node_modules')), `${folder}/node_modules exists`);
    }
  });

  it('holds the bundle, the grammars and one platform of llama.cpp binaries, and no sources, tests or maps', () => {
    const installed = extension().extensionPath;
    const files = filesUnder(installed);
    for (const file of ['dist/extension.js', 'dist/modelProcess.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-python.wasm', 'models.json', 'node_modules/node-llama-cpp/package.json']) {
      assert.ok(files.includes(file), `${file} is missing`);
    }
    const unwanted = files.filter((file) => /\.map$|\.ts$/.test(file) || /^(src|test|bench|scripts)\//.test(file) || /^node_modules\/(web-tree-sitter|tree-sitter-python)\//.test(file));
    assert.deepEqual(unwanted, []);
    assert.deepEqual(readdirSync(join(installed, 'node_modules', '@node-llama-cpp')).sort(), ['linux-x64', 'linux-x64-vulkan']);
    const manifest = extension().packageJSON;
    assert.deepEqual(Object.keys(manifest.dependencies), ['node-llama-cpp']);
    assert.equal(manifest.devDependencies, undefined);
    const binaries = statSync(join(installed, 'node_modules', '@node-llama-cpp', 'linux-x64', 'bins', 'linux-x64', 'llama-addon.node'));
    assert.ok(binaries.size > 0);
  });

  it('shows the findings of a Python file when it opens, with rule codes and ranges', async () => {
    await extension().activate();
    const { document } = await openPython('app/review_me.py');
    await waitForDiagnostics(document.uri, [evalAt(document, 'eval(expression, {}, variables)'), noneComparisonAt(document, 'value == None')], 60_000);
    const evalDiagnostic = vscode.languages.getDiagnostics(document.uri).find((diagnostic) => (diagnostic.code as { value?: string })?.value === 'eval-used');
    assert.equal(evalDiagnostic?.source, 'Llama Review');
  });

  it('runs a local model (tiny GGUF from llamaReview.model.userModels) in the packaged model process', async function () {
    this.timeout(300_000);
    const installed = extension().extensionPath;
    await updateSetting('llamaReview.model.userModels', [tinyEntry('packaged-tiny', modelPath)]);
    const userModels = vscode.workspace.getConfiguration('llamaReview.model').get<UserModelEntry[]>('userModels') ?? [];
    // The extension's own wiring (src/model/setup) with the packaged catalog and the packaged
    // model process, as the extension builds it; one thread suits a small CI machine.
    const parts = modelParts({
      settings: { userModels, threads: 1, gpu: 'auto', tasks: { explain: { model: 'packaged-tiny', maxTokens: 8 } } },
      catalogFile: join(installed, 'models.json'),
      defaultFolder: scratch,
      env: {},
    });
    const host = createHost(parts.settings, join(installed, 'dist', 'modelProcess.js'));
    const runtime = createRuntime(parts, host);
    try {
      const machine = await runtime.machineProfile();
      console.log(`    model process: ${machine.cores} cores, GPU ${machine.gpu.type}`);
      const chunks: string[] = [];
      const answer = await runtime.ask(
        { task: 'explain', systemPrompt: 'You review Python code.', prompt: 'Why is eval() risky?', promptTokens: 16, complex: false },
        { onText: (text) => chunks.push(text) },
      );
      console.log(`    ${answer.outputTokens} tokens from ${answer.modelId} in ${answer.generationMs} ms`);
      assert.equal(answer.modelId, 'packaged-tiny');
      assert.equal(answer.outcome.candidate.model.path, modelPath);
      assert.ok(answer.outputTokens >= 1, 'the model produced no token');
      assert.ok(chunks.length >= 1, 'no text was streamed');
    } finally {
      await host.dispose();
    }
  });

  it('answers "Explain" with the local model through its own command and model process', async function () {
    this.timeout(300_000);
    const installed = extension().extensionPath;
    const script = join(installed, 'dist', 'modelProcess.js');
    await updateSetting('llamaReview.model.userModels', [tinyEntry('packaged-tiny-chat', modelPath)]);
    await updateSetting('llamaReview.model.model', 'packaged-tiny-chat');
    await updateSetting('llamaReview.model.threads', 1);
    await updateSetting('llamaReview.model.contextSize', 2048);
    await updateSetting('llamaReview.model.idleUnloadSeconds', 0);
    await updateSetting('llamaReview.model.explain.maxTokens', 16);
    const { document } = await openPython('app/review_me.py');
    const action = await waitFor('the explain action', async () => {
      const diagnostic = vscode.languages.getDiagnostics(document.uri).find((candidate) => (candidate.code as { value?: string })?.value === 'eval-used');
      if (!diagnostic) return undefined;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
      return actions.find((candidate) => candidate.command?.command === 'llamaReview.explainFinding');
    }, 60_000);
    await vscode.commands.executeCommand(action.command!.command, ...(action.command!.arguments ?? []));
    // The extension logs each chat answer with its token count and model id (src/editor/chat).
    const answered = await waitFor('a chat answer from packaged-tiny-chat in the extension log', () => {
      const log = extensionLog();
      const line = log && readFileSync(log, 'utf8').split('\n').find((text) => text.includes('(packaged-tiny-chat)') && /\b[1-9]\d* tokens\b/.test(text));
      return line || undefined;
    }, 240_000);
    console.log(`    ${answered.replace(/^.*?\] /, '')}`);
    // ...from the model process inside the installed extension.
    const children = processesRunning(script);
    assert.ok(children.length >= 1, `no process runs ${script}`);
  });
});
