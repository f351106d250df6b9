// `npm start` as a new user meets it: scripts/start-dev.mjs serves the extension, the plain address
// opens the sample workspace, and notifications show (the integration tests' server hides them).
// Runs in Node, driving chromium through playwright-core; skipped when the test tools are missing.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath, freePort, missingTools, repo, startDevLauncher, type DevLauncher } from './devLauncher';

const artifacts = resolve(process.env.LLAMA_REVIEW_SCREENSHOTS ?? join(repo, 'test-artifacts'));
// Chromium flags that work as root in a container without a GPU or network.
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Runs a command from the Command Palette, clicking its row as a user would. */
async function runFromCommandPalette(page: Page, title: string): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 }, timeout: 10_000 }).catch(() => undefined);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 20_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click({ timeout: 20_000 });
}

describe('npm start (scripts/start-dev.mjs)', function () {
  // A build, code-server and the workbench start in well under this on 2 cores, even under load.
  this.timeout(300_000);
  let scratch: string;
  let launcher: DevLauncher | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;

  before(function () {
    const missing = missingTools();
    if (missing.length > 0) {
      console.log(`    skipped: missing ${missing.join(', ')} (run npm run install-test-tools)`);
      this.skip();
    }
    scratch = mkdtempSync(join(tmpdir(), 'llama-review-start-dev-'));
  });

  afterEach(async function () {
    if (page && this.currentTest?.state === 'failed') {
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, 'npm-start-failed.png'), timeout: 10_000 }).catch(() => undefined);
      console.log(`    launcher output:\n${launcher?.output().slice(-4000)}`);
    }
  });

  after(async () => {
    await Promise.race([browser?.close(), new Promise((done) => setTimeout(done, 15_000))]).catch(() => undefined);
    await launcher?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  });

  it('opens the sample workspace at the plain address and shows notifications', async () => {
    const port = await freePort();
    launcher = startDevLauncher({ port, stateDir: join(scratch, 'state'), workspace: join(scratch, 'sample-workspace') });
    const address = await launcher.waitForAddress(180_000);
    assert.equal(address, `http://127.0.0.1:${port}`);

    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, timeout: 60_000 });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(address, { timeout: 60_000 });

    // The Explorer shows the sample workspace: its app folder, and review_me.py inside it.
    const rows = page.locator('.explorer-folders-view .monaco-list-row');
    await rows.filter({ hasText: /^app$/ }).click({ timeout: 90_000 });
    await rows.filter({ hasText: /^review_me\.py$/ }).waitFor({ state: 'visible', timeout: 20_000 });

    // Review Workspace ends with a "Reviewed N files" notification: toasts are not suppressed.
    await runFromCommandPalette(page, 'Llama Review: Review Workspace');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /Reviewed \d+ files/ });
    await toast.waitFor({ state: 'visible', timeout: 90_000 });
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'npm-start.png') });
  });
});
