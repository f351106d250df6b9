// Runs the integration tests in a real VS Code through @vscode/test-electron's runTests:
//   1. installs the test tools when missing (scripts/install-test-tools.sh, idempotent),
//   2. builds the extension (dist/) and compiles the tests into out-integration/,
//   3. copies the sample workspace (test/fixtures/workspace) to a temporary folder,
//   4. runs the tests with scripts/vscode-launcher.mjs as the VS Code executable (code-server in
//      chromium). LLAMA_REVIEW_VSCODE=/path/to/code runs the same tests in an installed desktop
//      VS Code instead,
//   5. runs the test of `npm start` itself (test/launcher/: scripts/start-dev.mjs on a free port,
//      opened in chromium from Node), compiled beside the other tests (out-integration-launcher/).
// Screenshots and the extension's log go to test-artifacts/ (LLAMA_REVIEW_SCREENSHOTS overrides).
// LLAMA_REVIEW_TEST_OUT names another folder for the compiled tests (parallel runs in one checkout);
// LLAMA_REVIEW_TEST_GREP runs only the tests whose titles match.
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { run, step } from './steps.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const launcher = join(repo, 'scripts', 'vscode-launcher.mjs');
const desktopVscode = process.env.LLAMA_REVIEW_VSCODE;
const testsOut = resolve(repo, process.env.LLAMA_REVIEW_TEST_OUT ?? 'out-integration');
const launcherTestsOut = `${testsOut}-launcher`;
const artifacts = resolve(process.env.LLAMA_REVIEW_SCREENSHOTS ?? join(repo, 'test-artifacts'));

const started = performance.now();
if (!desktopVscode) step('test tools', () => run('bash', [join(repo, 'scripts', 'install-test-tools.sh')]));
step('build the extension', () => run(process.execPath, [join(repo, 'esbuild.mjs')]));
step('compile the integration tests', () => {
  rmSync(testsOut, { recursive: true, force: true });
  run(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repo, 'test', 'integration', 'tsconfig.json'), '--outDir', testsOut]);
});
const workspace = step('copy the sample workspace', () => {
  const folder = join(mkdtempSync(join(tmpdir(), 'llama-review-workspace-')), 'sample-workspace');
  cpSync(join(repo, 'test', 'fixtures', 'workspace'), folder, { recursive: true });
  return folder;
});
// A fresh clone may have lost the executable bit; runTests spawns the launcher directly.
chmodSync(launcher, 0o755);

let exitCode = 0;
const testsStarted = performance.now();
try {
  await runTests({
    vscodeExecutablePath: desktopVscode ?? launcher,
    extensionDevelopmentPath: repo,
    // The tests compile with test/support beside them (the GGUF writer), so they sit in integration/.
    extensionTestsPath: join(testsOut, 'integration', 'index.js'),
    // The folder to open; a desktop VS Code also leaves the user's other extensions off.
    launchArgs: [workspace, '--disable-extensions'],
    extensionTestsEnv: { LLAMA_REVIEW_SCREENSHOTS: artifacts, ...(process.env.LLAMA_REVIEW_TEST_GREP ? { LLAMA_REVIEW_TEST_GREP: process.env.LLAMA_REVIEW_TEST_GREP } : {}) },
  });
} catch (error) {
  console.error(`Integration tests failed: ${error.message}`);
  exitCode = 1;
} finally {
  rmSync(dirname(workspace), { recursive: true, force: true });
}
try {
  step('the npm start launcher', () => {
    rmSync(launcherTestsOut, { recursive: true, force: true });
    run(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repo, 'test', 'launcher', 'tsconfig.json'), '--outDir', launcherTestsOut]);
    const grep = process.env.LLAMA_REVIEW_TEST_GREP ? ['--grep', process.env.LLAMA_REVIEW_TEST_GREP] : [];
    run(process.execPath, [join(repo, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--reporter', 'spec', ...grep, join(launcherTestsOut, 'launcher', '*.test.js')]);
  });
} catch (error) {
  console.error(`The npm start launcher test failed: ${error.message}`);
  exitCode = 1;
}
const seconds = (value) => ((performance.now() - value) / 1000).toFixed(1);
console.log(`Integration tests: ${seconds(testsStarted)} s in VS Code, ${seconds(started)} s in all. Artifacts: ${artifacts}`);
process.exit(exitCode);
