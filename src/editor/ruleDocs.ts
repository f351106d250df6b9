// Offline rule documentation. Each rule has a read-only virtual file, `llama-review-docs:/rules/<id>`,
// which a diagnostic's code links to. VS Code opens it in the rule documentation view (a custom
// editor that renders the rule's metadata); "Reopen with text editor" shows the same as Markdown.
// A virtual file, not a command link, because hovers and the peek view open links without
// command permission.
import * as vscode from 'vscode';
import type { Finding } from '../analysis/finding';
import { allRules, ruleMeta } from '../analysis/rules';
import { findingPathFromQuery, findingPathQuery } from './findingPath';
import { ruleDocumentationHtml, ruleDocumentationMarkdown, unknownRuleHtml } from './ruleDocsContent';
import { rulePicker } from './rulePicker';

export const ruleDocsScheme = 'llama-review-docs';
export const ruleDocsViewType = 'llamaReview.ruleDocumentation';
const rulesFolder = '/rules';

/** The rule's page; for a taint finding, the page also shows that finding's path. */
export function ruleDocumentationUri(ruleId: string, finding?: Finding): vscode.Uri {
  const query = finding ? findingPathQuery(finding) : undefined;
  return vscode.Uri.from({ scheme: ruleDocsScheme, path: `${rulesFolder}/${ruleId}`, ...(query ? { query } : {}) });
}

function ruleIdOf(uri: vscode.Uri): string | undefined {
  return uri.path.startsWith(`${rulesFolder}/`) ? uri.path.slice(rulesFolder.length + 1) : undefined;
}

/** Serves each rule's Markdown; everything else is absent or read-only. */
class RuleDocumentationFiles implements vscode.FileSystemProvider {
  private readonly never = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.never.event;

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    if (uri.path === rulesFolder || uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: this.readFile(uri).byteLength, permissions: vscode.FilePermission.Readonly };
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    if (uri.path !== rulesFolder) throw vscode.FileSystemError.FileNotFound(uri);
    return allRules().map((rule) => [rule.meta.id, vscode.FileType.File]);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const id = ruleIdOf(uri);
    const meta = id ? ruleMeta(id) : undefined;
    if (!meta) throw vscode.FileSystemError.FileNotFound(uri);
    return new TextEncoder().encode(ruleDocumentationMarkdown(meta, findingPathFromQuery(uri.query)));
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

/** The rule documentation view: renders a rule's page from its metadata, no network. */
class RuleDocumentationView implements vscode.CustomReadonlyEditorProvider {
  constructor(private readonly extensionUri: vscode.Uri) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    panel.webview.options = { enableScripts: false, localResourceRoots: [media] };
    const page = {
      cspSource: panel.webview.cspSource,
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'ruleDocs.css')).toString(),
    };
    const id = ruleIdOf(document.uri) ?? '';
    const meta = ruleMeta(id);
    panel.title = meta ? `Rule: ${meta.id}` : 'Unknown rule';
    panel.webview.html = meta ? ruleDocumentationHtml(meta, page, findingPathFromQuery(document.uri.query)) : unknownRuleHtml(id, page);
  }
}

export function registerRuleDocumentation(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.registerFileSystemProvider(ruleDocsScheme, new RuleDocumentationFiles(), { isReadonly: true, isCaseSensitive: true }),
    vscode.window.registerCustomEditorProvider(ruleDocsViewType, new RuleDocumentationView(extensionUri), {
      webviewOptions: { enableFindWidget: true },
      supportsMultipleEditorsPerDocument: true,
    }),
  );
}

async function pickRule(): Promise<string | undefined> {
  const { items, options } = rulePicker();
  const picked = await vscode.window.showQuickPick(items, options);
  return picked?.ruleId;
}

/** Command: a rule's documentation beside the editor; without an id, the user picks a rule. */
export async function showRuleDocumentation(ruleId?: unknown): Promise<boolean> {
  const id = typeof ruleId === 'string' && ruleId ? ruleId : await pickRule();
  if (!id) return false;
  if (!ruleMeta(id)) {
    void vscode.window.showWarningMessage(`Llama Review has no rule named "${id}".`);
    return false;
  }
  await openRuleDocumentation(ruleDocumentationUri(id));
  return true;
}

/**
 * Opens a rule page beside the editor (or in `viewColumn`), keeping the focus where it is. Never as
 * a preview: a preview tab would take the place of the user's own preview tab in that group.
 */
export async function openRuleDocumentation(uri: vscode.Uri, viewColumn: vscode.ViewColumn = vscode.ViewColumn.Beside): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', uri, ruleDocsViewType, { viewColumn, preserveFocus: true, preview: false });
}
