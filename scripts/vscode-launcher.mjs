#!/usr/bin/env node
// Stands in for the `code` executable that @vscode/test-electron's runTests starts. It takes the
// same arguments (a folder, --extensionDevelopmentPath=, --extensionTestsPath=) and runs the tests
// in a real VS Code without downloading one: code-server opened by Debian's chromium through
// playwright-core. It exits with the tests' exit code.
//
// Screenshots: the tests write `<name>.request` into $LLAMA_REVIEW_SCREENSHOTS; this launcher
// answers with `<name>.png` of the whole workbench, or with `<name>.failed` saying why not. A
// request may hold {"waitForSelector": "..."}: a workbench element to wait for first (a quick pick,
// which the extension host cannot see). The extension's log is copied there at the end (as
// llama-review.log, or $LLAMA_REVIEW_LOG_NAME).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { freePort, repo, startCodeServer, stopCodeServer, waitForCodeServer, workbenchUrl } from './code-server.mjs';

const chromiumPath = process.env.LLAMA_REVIEW_CHROMIUM ?? '/usr/bin/chromium';
const artifacts = resolve(process.env.LLAMA_REVIEW_SCREENSHOTS ?? join(repo, 'test-artifacts'));
const runTimeoutMs = Number(process.env.LLAMA_REVIEW_TEST_TIMEOUT_MS ?? 10 * 60_000);
// Chromium flags that work as root in a container without a GPU or network.
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** The arguments runTests passes: options as --name=value, the folder to open as a bare path. */
function parseCodeArguments(argv) {
  const parsed = { folder: undefined, developmentPaths: [], testsPath: undefined, extensionsDir: undefined };
  for (const argument of argv) {
    const option = /^--([^=]+)=(.*)$/.exec(argument);
    if (option?.[1] === 'extensionDevelopmentPath') parsed.developmentPaths.push(resolve(option[2]));
    else if (option?.[1] === 'extensionTestsPath') parsed.testsPath = resolve(option[2]);
    // Installed extensions (e.g. a VSIX under test) instead of, or besides, development ones.
    else if (option?.[1] === 'extensions-dir') parsed.extensionsDir = resolve(option[2]);
    else if (!argument.startsWith('-')) parsed.folder = resolve(argument);
  }
  return parsed;
}

/** Webviews fill their content frame some time after the tab opens; a screenshot waits for it. */
async function webviewsPainted(page, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  const hosts = page.frames().filter((frame) => frame.url().includes('/webview/browser/pre/index.html'));
  for (const host of hosts) {
    while (Date.now() < deadline) {
      const content = host.childFrames().find((frame) => frame.url().includes('/webview/browser/pre/fake.html'));
      if (content && (await content.locator('body > *').count().catch(() => 0)) > 0) break;
      await new Promise((wait) => setTimeout(wait, 100));
    }
  }
}

/** Takes one requested screenshot; a request that cannot be met gets `<name>.failed` instead. */
async function answerScreenshotRequest(page, request) {
  const name = request.slice(0, -'.request'.length);
  const png = join(artifacts, `${name}.png`);
  try {
    const { waitForSelector } = JSON.parse(readFileSync(join(artifacts, request), 'utf8') || '{}');
    if (waitForSelector) await page.locator(waitForSelector).first().waitFor({ state: 'visible', timeout: 15_000 });
    await webviewsPainted(page);
    await page.screenshot({ path: png });
    console.log(`[launcher] screenshot ${png}`);
  } catch (error) {
    writeFileSync(join(artifacts, `${name}.failed`), error.message);
    console.error(`[launcher] screenshot ${name} failed: ${error.message}`);
  } finally {
    unlinkSync(join(artifacts, request));
  }
}

/** Answers `<name>.request` files from the tests with `<name>.png`. */
function serveScreenshots(page) {
  mkdirSync(artifacts, { recursive: true });
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      for (const request of readdirSync(artifacts).filter((name) => name.endsWith('.request'))) await answerScreenshotRequest(page, request);
    } catch (error) {
      console.error(`[launcher] screenshots: ${error.message}`);
    } finally {
      busy = false;
    }
  }, 200);
  return () => clearInterval(timer);
}

/** The extension's LogOutputChannel file, newest first, copied beside the screenshots. */
function copyExtensionLog(userDataDir) {
  const found = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('Llama Review.log')) found.push(path);
    }
  };
  if (existsSync(join(userDataDir, 'logs'))) walk(join(userDataDir, 'logs'));
  const newest = found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) return;
  mkdirSync(artifacts, { recursive: true });
  const copy = join(artifacts, process.env.LLAMA_REVIEW_LOG_NAME ?? 'llama-review.log');
  copyFileSync(newest, copy);
  console.log(`[launcher] extension log ${copy}`);
}

/** Opens the workbench and resolves with the exit code the tests report through the smoke-test driver. */
async function runExtensionTests(page, url) {
  let settle;
  const exited = new Promise((resolveExit) => (settle = resolveExit));
  // The workbench forwards its log and the extension host's console (mocha's report) here.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    if (type === 'error' || type === 'warn') console.error(`[workbench ${type}] ${text}`);
    else console.log(text);
  });
  await page.exposeFunction('codeAutomationExit', (code) => settle(Number(code)));
  await page.goto(url);
  const timeout = new Promise((resolveTimeout) =>
    setTimeout(() => {
      console.error(`[launcher] the tests did not finish within ${runTimeoutMs / 1000} s.`);
      resolveTimeout(1);
    }, runTimeoutMs).unref(),
  );
  return Promise.race([exited, timeout]);
}

async function main() {
  const { folder, developmentPaths, testsPath, extensionsDir } = parseCodeArguments(process.argv.slice(2));
  if ((developmentPaths.length === 0 && !extensionsDir) || !testsPath) {
    console.error('Usage: vscode-launcher.mjs [folder] --extensionDevelopmentPath=<dir> --extensionTestsPath=<file or dir> [--extensions-dir=<dir>]');
    return 2;
  }
  const stateDir = mkdtempSync(join(tmpdir(), 'llama-review-vscode-'));
  const port = await freePort();
  // LLAMA_REVIEW_SCREENSHOT_SERVER tells the tests that screenshot requests will be answered.
  // The built-in Git extension would watch the repositories tests create and delete in the
  // workspace, and its failing commands reach the tests' extension host as uncaught errors.
  const settings = { 'git.enabled': false };
  const server = startCodeServer({ port, stateDir, extensionsDir, settings, testDriver: true, env: { LLAMA_REVIEW_SCREENSHOTS: artifacts, LLAMA_REVIEW_SCREENSHOT_SERVER: '1' } });
  let browser;
  let stopScreenshots = () => undefined;
  try {
    await waitForCodeServer(port, server);
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    stopScreenshots = serveScreenshots(page);
    return await runExtensionTests(page, workbenchUrl({ port, folder, developmentPaths, testsPath }));
  } catch (error) {
    console.error(`[launcher] ${error.message}`);
    return 1;
  } finally {
    stopScreenshots();
    await browser?.close().catch(() => undefined);
    stopCodeServer(server);
    copyExtensionLog(server.userDataDir);
    rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

// Exit explicitly: the browser's and the server's pipes could otherwise keep Node alive.
process.exit(await main());
