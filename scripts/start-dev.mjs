// The main job: Llama Review running in a real VS Code (code-server) on localhost, with the sample
// workspace open, to try in a browser. The checkout is linked into the server's extensions folder
// as an installed extension, so VS Code shows everything a user sees, notifications included (the
// tests' development payload needs the smoke-test driver, which hides them). The bundle rebuilds
// on every source change (esbuild --watch); run "Developer: Reload Window" in VS Code to load a
// rebuild. Ctrl+C stops it all.
//   PORT=8080                  port to serve on (default 8080)
//   LLAMA_REVIEW_FRESH=1       start from a fresh copy of the sample workspace and a fresh profile
//   LLAMA_REVIEW_DEV_STATE     the server's profile, extensions and logs (default .tools/dev/state)
//   LLAMA_REVIEW_DEV_WORKSPACE the copy of the sample workspace (default .tools/dev/sample-workspace)
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { host, repo, startCodeServer, stopCodeServer, waitForCodeServer } from './code-server.mjs';
import { linkInstalledExtension } from './link-extension.mjs';

const port = Number(process.env.PORT ?? 8080);
const devFolder = join(repo, '.tools', 'dev');
const workspace = resolve(process.env.LLAMA_REVIEW_DEV_WORKSPACE ?? join(devFolder, 'sample-workspace'));
const stateDir = resolve(process.env.LLAMA_REVIEW_DEV_STATE ?? join(devFolder, 'state'));
const extensionsDir = join(stateDir, 'extensions');

execFileSync('bash', [join(repo, 'scripts', 'install-test-tools.sh')], { stdio: 'inherit' });
if (process.env.LLAMA_REVIEW_FRESH) {
  for (const folder of [workspace, stateDir]) rmSync(folder, { recursive: true, force: true });
}
// A copy, so trying things out never changes the test fixtures in the repository.
if (!existsSync(workspace)) cpSync(join(repo, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
mkdirSync(extensionsDir, { recursive: true });
linkInstalledExtension({ extensionsDir, extensionPath: repo });

execFileSync(process.execPath, [join(repo, 'esbuild.mjs')], { cwd: repo, stdio: 'inherit' });
const watcher = spawn(process.execPath, [join(repo, 'esbuild.mjs'), '--watch'], { cwd: repo, stdio: 'inherit' });
const server = startCodeServer({ port, stateDir, extensionsDir, folder: workspace });
// code-server runs in its own process group; whoever must clean up after a killed launcher finds it here.
writeFileSync(join(stateDir, 'code-server.pid'), String(server.child.pid));

function stop(code) {
  watcher.kill();
  stopCodeServer(server);
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
server.child.on('exit', (code) => {
  console.error(`code-server stopped (exit code ${code}).\n${server.output.join('').slice(-2000)}`);
  stop(1);
});

try {
  await waitForCodeServer(port, server);
} catch (error) {
  console.error(`${error.message}\nIs port ${port} taken? Try PORT=8081 npm start.`);
  stop(1);
}
console.log(`
Llama Review is running in VS Code for the browser. Open this address:

  http://${host}:${port}

Then open app/review_me.py. Sample workspace: ${workspace}
Press Ctrl+C to stop.`);
