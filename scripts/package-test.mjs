// Tests the packaged artifact, not the development folder:
//   1. installs the test tools when missing (scripts/install-test-tools.sh, idempotent),
//   2. builds the linux-x64 VSIX (scripts/package.mjs --target linux-x64),
//   3. installs it with code-server's --install-extension into a fresh extensions folder,
//   4. compiles test/package/ and runs it in that code-server (scripts/vscode-launcher.mjs with
//      --extensions-dir; the only development extension is an empty placeholder) on a copy of the
//      sample workspace.
// LLAMA_REVIEW_PACKAGE_TEST_OUT names another folder for the compiled tests; LLAMA_REVIEW_TEST_GREP
// runs only the tests whose titles match; LLAMA_REVIEW_SCREENSHOTS moves the artifacts folder.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installExtension } from './code-server.mjs';
import { run, step } from './steps.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const testsOut = resolve(repo, process.env.LLAMA_REVIEW_PACKAGE_TEST_OUT ?? 'out-package-tests');
const vsixFolder = join(repo, 'out-package', 'test-vsix');

function launch(args, env) {
  return new Promise((resolveExit) => {
    const child = spawn(process.execPath, [join(repo, 'scripts', 'vscode-launcher.mjs'), ...args], { cwd: repo, stdio: 'inherit', env: { ...process.env, ...env } });
    child.once('exit', (code, signal) => resolveExit(signal ? 1 : code ?? 1));
    child.once('error', (error) => {
      console.error(`Could not start the launcher: ${error.message}`);
      resolveExit(1);
    });
  });
}

const started = performance.now();
const temporary = mkdtempSync(join(tmpdir(), 'llama-review-package-test-'));
let exitCode = 1;
try {
  step('test tools', () => run('bash', [join(repo, 'scripts', 'install-test-tools.sh')]));
  step('package the linux-x64 VSIX', () => {
    rmSync(vsixFolder, { recursive: true, force: true });
    run(process.execPath, [join(repo, 'scripts', 'package.mjs'), '--target', 'linux-x64', '--out', vsixFolder]);
  });
  const [vsix] = readdirSync(vsixFolder).filter((name) => name.endsWith('.vsix'));
  if (!vsix) throw new Error(`No VSIX in ${vsixFolder}.`);
  const extensionsDir = join(temporary, 'extensions');
  step(`install ${vsix} with code-server --install-extension`, () => {
    mkdirSync(extensionsDir, { recursive: true });
    const installState = join(temporary, 'install');
    mkdirSync(installState, { recursive: true });
    console.log(installExtension({ vsixPath: join(vsixFolder, vsix), extensionsDir, stateDir: installState }).trim());
    console.log(`    installed: ${readdirSync(extensionsDir).filter((name) => !name.startsWith('.') && name !== 'extensions.json').join(', ')}`);
  });
  step('compile the packaged-VSIX tests', () => {
    rmSync(testsOut, { recursive: true, force: true });
    run(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repo, 'test', 'package', 'tsconfig.json'), '--outDir', testsOut]);
  });
  // VS Code starts extension tests only in an extension development window; a placeholder
  // extension with no code makes it one, while Llama Review itself loads from the extensions folder.
  const placeholder = join(temporary, 'test-window-placeholder');
  mkdirSync(placeholder, { recursive: true });
  writeFileSync(join(placeholder, 'package.json'), JSON.stringify({ name: 'packaged-vsix-tests', publisher: 'llama-review-tests', version: '0.0.0', engines: { vscode: '*' } }, null, 2));
  const workspace = join(temporary, 'sample-workspace');
  cpSync(join(repo, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  console.log('==> run the tests in VS Code with the installed VSIX');
  const testsStarted = performance.now();
  exitCode = await launch([workspace, `--extensionTestsPath=${join(testsOut, 'test', 'package', 'index.js')}`, `--extensions-dir=${extensionsDir}`, `--extensionDevelopmentPath=${placeholder}`], {
    LLAMA_REVIEW_EXTENSIONS_DIR: extensionsDir,
    LLAMA_REVIEW_CHECKOUT: repo,
    // Keep the development run's log beside this one rather than overwrite it.
    LLAMA_REVIEW_LOG_NAME: 'llama-review-packaged.log',
  });
  console.log(`    tests in VS Code: ${((performance.now() - testsStarted) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`Packaged-VSIX tests failed: ${error.message}`);
  exitCode = 1;
} finally {
  rmSync(temporary, { recursive: true, force: true, maxRetries: 3 });
}
console.log(`Packaged-VSIX tests ${exitCode === 0 ? 'passed' : 'FAILED'} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
process.exit(exitCode);
