// Helpers for tests that watch what the user sees: poll until it appears (never sleep and hope),
// and create scratch Python files in the test workspace (a temporary copy of the sample workspace).
import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';

export const extensionId = 'llama-review.llama-review';
/** Rules these tests are written against; other rules may flag the same files as the set grows. */
export const testedRules = new Set(['eval-used', 'compare-to-none', 'file-skipped', 'sql-injection', 'template-safe-filter', 'template-variable-in-script']);

/** Polls `probe` until it returns something other than undefined; fails after `timeoutMs` with `what`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Thenable<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The integration tests need the sample workspace open.');
  return folder.uri;
}

export function workspaceFile(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), relativePath);
}

/** Writes a file in the test workspace (the tests run in a temporary copy, never in the repository). */
export function writeWorkspaceFile(relativePath: string, text: string): vscode.Uri {
  const uri = workspaceFile(relativePath);
  mkdirSync(dirname(uri.fsPath), { recursive: true });
  writeFileSync(uri.fsPath, text);
  return uri;
}

export async function openPython(relativePath: string, text?: string): Promise<vscode.TextEditor> {
  const uri = text === undefined ? workspaceFile(relativePath) : writeWorkspaceFile(relativePath, text);
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

export interface SeenDiagnostic {
  code: string;
  range: [number, number, number, number];
  severity: vscode.DiagnosticSeverity;
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

/** Our diagnostics on a file, for the tested rules, as plain data that compares with deepStrictEqual. */
export function seenDiagnostics(uri: vscode.Uri): SeenDiagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source === 'Llama Review' && testedRules.has(codeOf(diagnostic)))
    .map((diagnostic) => ({
      code: codeOf(diagnostic),
      range: [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character] as [number, number, number, number],
      severity: diagnostic.severity,
    }))
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.code.localeCompare(b.code));
}

/** Waits until the file's diagnostics are exactly `expected`; the failure names what was seen last. */
export async function waitForDiagnostics(uri: vscode.Uri, expected: SeenDiagnostic[], timeoutMs = 20_000): Promise<void> {
  const wanted = JSON.stringify(expected);
  let seen = '';
  try {
    await waitFor('diagnostics', () => {
      seen = JSON.stringify(seenDiagnostics(uri));
      return seen === wanted ? true : undefined;
    }, timeoutMs);
  } catch {
    throw new Error(`Diagnostics of ${vscode.workspace.asRelativePath(uri)}:\n  expected ${wanted}\n  seen     ${seen}`);
  }
}

/** The range of the `occurrence`-th match of `needle` in the document, as [line, col, line, col]. */
export function rangeOf(document: vscode.TextDocument, needle: string, occurrence = 1): [number, number, number, number] {
  let offset = -1;
  for (let found = 0; found < occurrence; found++) {
    offset = document.getText().indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence} times in ${document.uri.path}`);
  }
  const start = document.positionAt(offset);
  const end = document.positionAt(offset + needle.length);
  return [start.line, start.character, end.line, end.character];
}

export function evalAt(document: vscode.TextDocument, call: string, occurrence = 1): SeenDiagnostic {
  return { code: 'eval-used', range: rangeOf(document, call, occurrence), severity: vscode.DiagnosticSeverity.Warning };
}

export function noneComparisonAt(document: vscode.TextDocument, comparison: string, occurrence = 1): SeenDiagnostic {
  return { code: 'compare-to-none', range: rangeOf(document, comparison, occurrence), severity: vscode.DiagnosticSeverity.Information };
}

export async function updateSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Workspace);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Whether the launcher answers screenshot requests (code-server); a desktop VS Code does not. */
export function screenshotsAvailable(): boolean {
  return !!process.env.LLAMA_REVIEW_SCREENSHOT_SERVER && !!process.env.LLAMA_REVIEW_SCREENSHOTS;
}

/**
 * Asks the launcher for a PNG of the whole workbench, saved as `<name>.png` among the test
 * artifacts. `waitForSelector` names a workbench element (a CSS or playwright selector) the
 * launcher waits for first: what the extension host cannot see, such as an open quick pick.
 */
export async function screenshot(name: string, options: { waitForSelector?: string } = {}): Promise<string> {
  const folder = process.env.LLAMA_REVIEW_SCREENSHOTS!;
  const png = join(folder, `${name}.png`);
  const request = join(folder, `${name}.request`);
  const failed = join(folder, `${name}.failed`);
  mkdirSync(folder, { recursive: true });
  for (const stale of [png, failed]) if (existsSync(stale)) unlinkSync(stale);
  // Renamed into place, so the launcher never reads a request half written.
  writeFileSync(`${request}.tmp`, JSON.stringify(options));
  renameSync(`${request}.tmp`, request);
  await waitFor(`screenshot ${png}`, () => ((existsSync(png) || existsSync(failed)) && !existsSync(request) ? true : undefined), 40_000);
  if (existsSync(failed)) throw new Error(`Screenshot ${name}: ${readFileSync(failed, 'utf8')}`);
  return png;
}
