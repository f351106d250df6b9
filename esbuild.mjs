// Bundles the extension, the CLI, the model process and the chat webview script into dist/, and
// copies the grammar wasm files beside them.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Entry points: the VS Code extension (and its analysis worker), the CLI (and its check workers), and the model child process. */
const entryPoints = {
  extension: 'src/editor/extension.ts',
  cli: 'src/cli/main.ts',
  checkWorker: 'src/cli/checkWorker.ts',
  analysisWorker: 'src/editor/worker/analysisWorker.ts',
  modelProcess: 'src/model/modelProcess.ts',
};

const options = {
  entryPoints,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // node-llama-cpp is ESM with top-level await: it is loaded at run time with import().
  external: ['vscode', 'node-llama-cpp'],
  // web-tree-sitter's ESM build reads import.meta.url, which a CommonJS bundle lacks.
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__bundleUrl' },
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

/** The runtime wasm and each grammar wasm are loaded from the bundle's folder. */
function copyWasm() {
  mkdirSync('dist', { recursive: true });
  const files = [
    require.resolve('web-tree-sitter/tree-sitter.wasm'),
    require.resolve('tree-sitter-python/tree-sitter-python.wasm'),
  ];
  for (const file of files) copyFileSync(file, join('dist', basename(file)));
}

/** The chat webview's script: a browser bundle with markdown-it and DOMPurify inside (the page loads nothing else). */
const webviewOptions = {
  entryPoints: { chat: 'media/chat/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

copyWasm();
if (watch) {
  const contexts = await Promise.all([esbuild.context(options), esbuild.context(webviewOptions)]);
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all([esbuild.build(options), esbuild.build(webviewOptions)]);
}
