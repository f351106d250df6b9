#!/usr/bin/env node
// Builds one VSIX per platform with @vscode/vsce --target, each from its own staging folder (in the
// system's temporary folder), so the development tree is never altered. A staging folder holds
// what the extension needs at run time:
//   package.json (runtime dependencies only: node-llama-cpp; the grammars are bundled into dist/),
//   README.md, LICENSE, the icon, models.json, media/, dist/ (no source maps, no CLI), and a
//   node_modules with node-llama-cpp, its production dependencies and only the prebuilt llama.cpp
//   binary packages of that platform (see `targets`).
// Binary packages for other platforms are not installed by npm here; they are fetched with
// `npm pack` from the npm registry into out-package/cache/ and unpacked into the staging folder.
//
//   node scripts/package.mjs                         linux-x64, darwin-arm64, win32-x64
//   node scripts/package.mjs --target linux-x64      just one (comma-separated for several)
//   node scripts/package.mjs --cuda                  adds the CUDA variants (large; no size limit)
//   node scripts/package.mjs --no-build --out DIR    reuse dist/; write the VSIX files to DIR
//   --stage DIR (staging folders' parent), --keep-stage (keep them after a good build)
//
// Prints each VSIX's size and what it holds, and fails when a VSIX holds files it must not
// (sources, tests, maps) or exceeds its size limit. A VSIX that ships another node-llama-cpp
// version than the tested one gets a smoke test of its model process here (--no-smoke skips it).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { smokeTestModelProcess } from './package-smoke.mjs';
import { readZipEntries, readZipEntry } from './package-zip.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(repo, 'out-package');
const cacheDir = join(work, 'cache');
const MB = 1024 * 1024;

/**
 * node-llama-cpp picks its binary by importing `@node-llama-cpp/<platform>[-gpu]` and accepts it
 * only when that package's version equals its own (bindings/utils/compileLLamaCpp.js,
 * getPrebuiltBinariesPackageDirectoryForBuildOptions). With gpu "auto" it tries the GPU packages
 * first and falls back to the CPU one, so each target carries the CPU build plus its GPU build.
 */
const targets = {
  'linux-x64': { vsceTarget: 'linux-x64', binaries: ['linux-x64', 'linux-x64-vulkan'], limitMB: 120 },
  'darwin-arm64': { vsceTarget: 'darwin-arm64', binaries: ['mac-arm64-metal'], limitMB: 60 },
  'win32-x64': { vsceTarget: 'win32-x64', binaries: ['win-x64', 'win-x64-vulkan'], limitMB: 120 },
  // Larger variants for NVIDIA GPUs, built on request (--cuda). The -ext package carries the CUDA
  // runtime libraries, so no CUDA toolkit is needed on the user's machine.
  'linux-x64-cuda': { vsceTarget: 'linux-x64', binaries: ['linux-x64', 'linux-x64-vulkan', 'linux-x64-cuda', 'linux-x64-cuda-ext'], variant: 'cuda' },
  'win32-x64-cuda': { vsceTarget: 'win32-x64', binaries: ['win-x64', 'win-x64-vulkan', 'win-x64-cuda', 'win-x64-cuda-ext'], variant: 'cuda' },
};
const defaultTargets = ['linux-x64', 'darwin-arm64', 'win32-x64'];

/** What the VSIX must never hold (relative to extension/). */
const forbidden = [/^src\//, /^test\//, /^bench\//, /^scripts\//, /^out[^/]*\//, /\.map$/, /(^|\/)tsconfig[^/]*\.json$/, /^\.tools\//, /^node_modules\/node-llama-cpp\/llama\/gitRelease\.bundle$/, /^node_modules\/(web-tree-sitter|tree-sitter-python|typescript|esbuild|mocha|@vscode)\//];
/** What it must hold. */
const required = ['package.json', 'readme.md', 'LICENSE.txt', 'models.json', 'dist/extension.js', 'dist/analysisWorker.js', 'dist/modelProcess.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-python.wasm', 'node_modules/node-llama-cpp/package.json', 'node_modules/node-llama-cpp/llama/binariesGithubRelease.json'];

function parseArguments(argv) {
  const options = { targets: undefined, cuda: false, build: true, out: join(work, 'vsix'), stage: undefined, keepStage: false, smoke: true };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const [name, inline] = argument.split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++index];
    if (name === '--target') options.targets = value().split(',').map((target) => target.trim()).filter(Boolean);
    else if (name === '--cuda') options.cuda = true;
    else if (name === '--no-build') options.build = false;
    else if (name === '--out') options.out = resolve(value());
    else if (name === '--stage') options.stage = resolve(value());
    else if (name === '--keep-stage') options.keepStage = true;
    else if (name === '--no-smoke') options.smoke = false;
    else throw new Error(`Unknown option ${argument}. Options: --target <${Object.keys(targets).join('|')}>[,...] --cuda --no-build --out <dir> --stage <dir> --keep-stage --no-smoke`);
  }
  // Outside the checkout by default, so that nothing there can stand in for a file the stage lacks.
  options.stage ??= mkdtempSync(join(tmpdir(), 'llama-review-stage-'));
  options.targets ??= [...defaultTargets, ...(options.cuda ? ['linux-x64-cuda', 'win32-x64-cuda'] : [])];
  for (const target of options.targets) if (!targets[target]) throw new Error(`Unknown target "${target}". Known: ${Object.keys(targets).join(', ')}.`);
  return options;
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args, options = {}) {
  return execFileSync(command, args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * MB, ...options });
}

function step(title, action) {
  const started = performance.now();
  const result = action();
  console.log(`    ${title}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Which node-llama-cpp version a target ships

const installedLlama = readJson(join(repo, 'node_modules', 'node-llama-cpp', 'package.json'));
const semver = createRequire(join(repo, 'node_modules', 'node-llama-cpp', 'package.json'))('semver');

function installedBinaryVersion(name) {
  const file = join(repo, 'node_modules', '@node-llama-cpp', name, 'package.json');
  return existsSync(file) ? readJson(file).version : undefined;
}

const publishedVersions = new Map();
/** Versions of a package on the npm registry (asked once per package and run). */
function versionsOnRegistry(name) {
  if (!publishedVersions.has(name)) {
    const json = run(npm, ['view', name, 'versions', '--json']);
    const parsed = JSON.parse(json);
    publishedVersions.set(name, Array.isArray(parsed) ? parsed : [parsed]);
  }
  return publishedVersions.get(name);
}

/**
 * The version of node-llama-cpp to ship for these binary packages: the one the project pins when
 * its binaries are installed here or published; otherwise the newest earlier version of the same
 * major for which every binary package is published (the npm registry has lacked some platforms'
 * binaries for the newest release). The JavaScript and the binaries always come from one version.
 */
function llamaVersionFor(binaries) {
  const pinned = installedLlama.version;
  const has = (name, version) => installedBinaryVersion(name) === version || versionsOnRegistry(`@node-llama-cpp/${name}`).includes(version);
  if (binaries.every((name) => has(name, pinned))) return pinned;
  const candidates = versionsOnRegistry('node-llama-cpp')
    .filter((version) => semver.valid(version) && !semver.prerelease(version) && semver.major(version) === semver.major(pinned) && semver.lt(version, pinned))
    .sort(semver.rcompare);
  const found = candidates.find((version) => binaries.every((name) => has(name, version)));
  if (!found) throw new Error(`No version of node-llama-cpp ${semver.major(pinned)}.x has all of ${binaries.join(', ')} on the npm registry.`);
  const missing = binaries.filter((name) => !has(name, pinned)).map((name) => `@node-llama-cpp/${name}@${pinned}`);
  console.warn(`    WARNING: ${missing.join(', ')} not on the npm registry; this VSIX ships node-llama-cpp ${found} with its ${found} binaries.`);
  return found;
}

/** `npm pack`s name@version into the cache (once) and returns the folder it is unpacked in. */
function fetchPackage(name, version) {
  const unpacked = join(cacheDir, 'packages', `${name.replace('/', '+')}@${version}`);
  if (existsSync(join(unpacked, 'package.json'))) return unpacked;
  const tarballs = join(cacheDir, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  console.log(`    fetching ${name}@${version} from the npm registry`);
  const [packed] = JSON.parse(run(npm, ['pack', `${name}@${version}`, '--pack-destination', tarballs, '--json', '--silent']));
  const partial = `${unpacked}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  run('tar', ['-xzf', join(tarballs, packed.filename), '-C', partial, '--strip-components=1']);
  rmSync(join(tarballs, packed.filename), { force: true });
  rmSync(unpacked, { recursive: true, force: true });
  cpSync(partial, unpacked, { recursive: true });
  rmSync(partial, { recursive: true, force: true });
  return unpacked;
}

// ---------------------------------------------------------------------------------------------
// The staging folder

/** Node's resolution: the nearest node_modules/<name> at or above `from`, within the repository. */
function resolvePackageDir(name, from) {
  for (let folder = from; ; folder = dirname(folder)) {
    const candidate = join(folder, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (folder === repo || dirname(folder) === folder) return undefined;
  }
}

/**
 * node-llama-cpp's production dependencies, transitively, as installed here: dependencies and
 * required peers; optional dependencies (the binary packages) are chosen per target instead.
 * `rootManifest` lists the dependencies of the node-llama-cpp version being shipped.
 */
function runtimeClosure(rootManifest) {
  const root = join(repo, 'node_modules', 'node-llama-cpp');
  const found = new Set([root]);
  const visit = (dir, manifest) => {
    const optionalPeers = manifest.peerDependenciesMeta ?? {};
    const wanted = {
      ...Object.fromEntries(Object.entries(manifest.peerDependencies ?? {}).filter(([name]) => !optionalPeers[name]?.optional)),
      ...manifest.dependencies,
    };
    for (const [name, range] of Object.entries(wanted)) {
      const dependency = resolvePackageDir(name, dir);
      if (!dependency) throw new Error(`${name} (needed by ${manifest.name}) is not installed; run npm install.`);
      const { version } = readJson(join(dependency, 'package.json'));
      if (semver.validRange(range) && !semver.satisfies(version, range, { includePrerelease: true })) {
        throw new Error(`${manifest.name}@${manifest.version} needs ${name}@${range}; ${version} is installed.`);
      }
      if (found.has(dependency)) continue;
      found.add(dependency);
      visit(dependency, readJson(join(dependency, 'package.json')));
    }
  };
  visit(root, rootManifest);
  return [...found];
}

function copyDependencies(stage, llamaVersion) {
  const llamaDir = llamaVersion === installedLlama.version ? join(repo, 'node_modules', 'node-llama-cpp') : fetchPackage('node-llama-cpp', llamaVersion);
  const llamaManifest = readJson(join(llamaDir, 'package.json'));
  const closure = runtimeClosure(llamaManifest);
  for (const dir of closure) {
    const target = join(stage, relative(repo, dir));
    // Nested node_modules come with their own closure entries; vsce's ignore file prunes the rest.
    cpSync(dir, target, { recursive: true, filter: (source) => !source.slice(dir.length).split(sep).includes('node_modules') });
  }
  if (llamaDir !== join(repo, 'node_modules', 'node-llama-cpp')) {
    const target = join(stage, 'node_modules', 'node-llama-cpp');
    for (const entry of readdirSync(target)) if (entry !== 'node_modules') rmSync(join(target, entry), { recursive: true, force: true });
    cpSync(llamaDir, target, { recursive: true });
  }
  return closure.length;
}

function copyBinaries(stage, binaries, llamaVersion) {
  for (const name of binaries) {
    const source = installedBinaryVersion(name) === llamaVersion ? join(repo, 'node_modules', '@node-llama-cpp', name) : fetchPackage(`@node-llama-cpp/${name}`, llamaVersion);
    cpSync(source, join(stage, 'node_modules', '@node-llama-cpp', name), { recursive: true });
  }
}

/** The shipped manifest: the repository's, with only what runs in the editor. */
function stagedManifest(llamaVersion) {
  const manifest = readJson(join(repo, 'package.json'));
  // The grammars (web-tree-sitter, tree-sitter-python) are bundled into dist/; the CLI is not shipped.
  manifest.dependencies = { 'node-llama-cpp': llamaVersion };
  delete manifest.devDependencies;
  delete manifest.scripts;
  delete manifest.bin;
  return manifest;
}

function stage(target, llamaVersion, stageRoot) {
  const folder = join(stageRoot, target);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const manifest = stagedManifest(llamaVersion);
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const files = ['README.md', 'LICENSE', 'models.json', '.vscodeignore', 'CHANGELOG.md', 'media'];
  if (manifest.icon) files.push(manifest.icon);
  for (const file of files) if (existsSync(join(repo, file))) cpSync(join(repo, file), join(folder, file), { recursive: true });
  cpSync(join(repo, 'dist'), join(folder, 'dist'), { recursive: true, filter: (source) => !source.endsWith('.map') && !source.endsWith(`${sep}cli.js`) });
  const packages = copyDependencies(folder, llamaVersion);
  copyBinaries(folder, targets[target].binaries, llamaVersion);
  return { folder, packages };
}

// ---------------------------------------------------------------------------------------------
// The VSIX

/** Runs vsce; returns its output (warnings go to stderr), or throws with it. */
function vsce(args, cwd) {
  const cli = join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * MB });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`vsce ${args.join(' ')} failed (${result.error?.message ?? `exit code ${result.status}`}):\n${output}`);
  return output;
}

/** Sizes by part, from the VSIX's own table of contents. */
function summarize(vsix) {
  const entries = readZipEntries(vsix).filter((entry) => entry.name.startsWith('extension/')).map((entry) => ({ ...entry, path: entry.name.slice('extension/'.length) }));
  const groups = new Map();
  const groupOf = (path) => {
    const binary = /^node_modules\/@node-llama-cpp\/([^/]+)\//.exec(path);
    if (binary) return `llama.cpp binaries ${binary[1]}`;
    if (path.startsWith('node_modules/node-llama-cpp/')) return 'node-llama-cpp (JavaScript)';
    if (path.startsWith('node_modules/')) return 'node-llama-cpp dependencies';
    if (path.startsWith('dist/')) return 'dist (bundle, modelProcess, wasm)';
    return 'manifest, readme, licence, icon, models.json, media';
  };
  for (const entry of entries) {
    const group = groupOf(entry.path);
    const sum = groups.get(group) ?? { files: 0, size: 0, compressed: 0 };
    sum.files++;
    sum.size += entry.size;
    sum.compressed += entry.compressedSize;
    groups.set(group, sum);
  }
  const dependencyNames = new Set(entries.map((entry) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(entry.path)?.[1]).filter(Boolean));
  return { entries, groups, packages: dependencyNames.size };
}

function verify(vsix, entries, target) {
  const paths = new Set(entries.map((entry) => entry.path));
  const problems = [];
  const manifestEntry = readZipEntries(vsix).find((entry) => entry.name === 'extension.vsixmanifest');
  const platform = manifestEntry && /TargetPlatform="([^"]*)"/.exec(readZipEntry(vsix, manifestEntry).toString('utf8'))?.[1];
  if (platform !== targets[target].vsceTarget) problems.push(`the VSIX manifest names target platform ${platform}, not ${targets[target].vsceTarget}`);
  const { icon } = readJson(join(repo, 'package.json'));
  for (const file of [...required, ...(icon ? [icon] : [])]) if (!paths.has(file)) problems.push(`missing ${file}`);
  for (const { path } of entries) if (forbidden.some((pattern) => pattern.test(path))) problems.push(`must not ship ${path}`);
  for (const name of targets[target].binaries) {
    if (!paths.has(`node_modules/@node-llama-cpp/${name}/package.json`)) problems.push(`missing the ${name} binaries`);
  }
  const shippedBinaries = new Set(entries.map(({ path }) => /^node_modules\/@node-llama-cpp\/([^/]+)\//.exec(path)?.[1]).filter(Boolean));
  for (const name of shippedBinaries) if (!targets[target].binaries.includes(name)) problems.push(`ships binaries for another platform: ${name}`);
  return problems;
}

/**
 * A VSIX that ships another node-llama-cpp than the tested one: run its model process here with
 * that version's linux-x64 binaries (added to the staging folder after the VSIX is made, then
 * removed). Returns a problem, or undefined.
 */
async function smokeTest(stageFolder, llamaVersion) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.log(`    smoke test skipped: it runs the linux-x64 binaries of node-llama-cpp ${llamaVersion}, and this is ${process.platform}-${process.arch}`);
    return undefined;
  }
  const added = join(stageFolder, 'node_modules', '@node-llama-cpp', 'linux-x64');
  const existed = existsSync(added);
  if (!existed) cpSync(fetchPackage('@node-llama-cpp/linux-x64', llamaVersion), added, { recursive: true });
  const started = performance.now();
  try {
    const result = await smokeTestModelProcess({ repo, stageFolder });
    console.log(`    smoke test: the model process with node-llama-cpp ${llamaVersion} (its linux-x64 binaries here) loaded a tiny GGUF (${result.chatWrapper}) and generated ${result.outputTokens} tokens: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return undefined;
  } catch (error) {
    return `the model process with node-llama-cpp ${llamaVersion} failed its smoke test: ${error.message}`;
  } finally {
    if (!existed) rmSync(added, { recursive: true, force: true });
  }
}

async function packageTarget(target, options, manifest) {
  const { vsceTarget, binaries, limitMB, variant } = targets[target];
  console.log(`==> ${target}`);
  const llamaVersion = step('choose node-llama-cpp version', () => llamaVersionFor(binaries));
  const staged = step('stage', () => stage(target, llamaVersion, options.stage));
  mkdirSync(options.out, { recursive: true });
  const vsixPath = join(options.out, `${manifest.name}-${target}-${manifest.version}.vsix`);
  rmSync(vsixPath, { force: true });
  const vsceOutput = step('vsce package', () => vsce(['package', '--target', vsceTarget, '--out', vsixPath], staged.folder));
  // vsce warns that node_modules holds many JavaScript files: node-llama-cpp is ESM with top-level
  // await and native binaries found by path, so it ships as a package rather than in the bundle.
  for (const line of vsceOutput.split('\n')) if (/WARNING|ERROR/.test(line)) console.log(`    vsce: ${line.trim().slice(0, 160)}`);
  const size = statSync(vsixPath).size;
  const vsix = readFileSync(vsixPath);
  const summary = summarize(vsix);
  const problems = verify(vsix, summary.entries, target);
  if (options.smoke && llamaVersion !== installedLlama.version) {
    const problem = await smokeTest(staged.folder, llamaVersion);
    if (problem) problems.push(problem);
  }
  const overLimit = limitMB !== undefined && size > limitMB * MB;
  console.log(`    ${vsixPath}`);
  console.log(`    ${(size / MB).toFixed(1)} MB${limitMB ? ` (limit ${limitMB} MB)` : ''}, vsce target ${vsceTarget}${variant ? `, ${variant} variant` : ''}, node-llama-cpp ${llamaVersion}, ${summary.entries.length} files, ${summary.packages} packages in node_modules`);
  for (const [group, sum] of [...summary.groups].sort((a, b) => b[1].compressed - a[1].compressed)) {
    console.log(`      ${group.padEnd(52)} ${String(sum.files).padStart(5)} files ${(sum.size / MB).toFixed(1).padStart(7)} MB unpacked ${(sum.compressed / MB).toFixed(1).padStart(7)} MB packed`);
  }
  for (const problem of problems) console.error(`    ERROR: ${problem}`);
  if (overLimit) console.error(`    ERROR: ${(size / MB).toFixed(1)} MB is over the ${limitMB} MB limit for ${target}.`);
  // A failed VSIX keeps its staging folder for a look inside; a good one frees the space.
  if (problems.length === 0 && !overLimit && !options.keepStage) rmSync(staged.folder, { recursive: true, force: true });
  return { target, vsixPath, size, llamaVersion, ok: problems.length === 0 && !overLimit };
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const started = performance.now();
  if (options.build) {
    console.log('==> build dist/');
    step('esbuild', () => run(process.execPath, [join(repo, 'esbuild.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] }));
  }
  for (const file of ['dist/extension.js', 'dist/analysisWorker.js', 'dist/modelProcess.js']) if (!existsSync(join(repo, file))) throw new Error(`${file} is missing: run npm run build.`);
  const manifest = readJson(join(repo, 'package.json'));
  const results = [];
  for (const target of options.targets) results.push(await packageTarget(target, options, manifest));
  console.log(`==> ${results.length} VSIX file${results.length === 1 ? '' : 's'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const result of results) console.log(`    ${result.ok ? 'ok    ' : 'FAILED'} ${(result.size / MB).toFixed(1).padStart(6)} MB  ${relative(process.cwd(), result.vsixPath)}`);
  try {
    rmdirSync(options.stage); // only when every staging folder in it is gone
  } catch {
    console.log(`    staging folders kept in ${options.stage}`);
  }
  return results.every((result) => result.ok) ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`Packaging failed: ${error.message}`);
  process.exitCode = 1;
}
