// The sidebar chat: a WebviewView that renders the ChatSession. The page gets a strict CSP with a
// per-load nonce (only our bundled script runs; nothing loads from outside), and every message it
// sends is checked before use. Copy and insert go through the extension: the page has no access
// to the clipboard or the editor, and insertion happens only when the user clicks. A quoted
// numbered excerpt (`12 | code`) is copied and inserted as code, without its gutter.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { withoutLineGutters } from '../models/answerText';
import { isFromWebview, type ChatActionId, type ChatProbe, type FromWebview, type PageControl, type ToWebview } from './chatProtocol';
import type { ChatSession } from './chatSession';
import type { SelectionContext } from '../../model/prompts';

export const chatViewId = 'llamaReview.chat';

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view?: vscode.WebviewView;
  private ready = false;
  private lastEditor?: vscode.TextEditor;
  private nextProbeId = 1;
  private readonly probes = new Map<number, (probe: ChatProbe) => void>();
  private readonly subscriptions: vscode.Disposable[];
  /** Messages posted to the page, by type: tests check that tokens stream in as several messages. */
  readonly posted = new Map<ToWebview['type'], number>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly session: ChatSession,
    /** Runs what an action button under a turn stands for (e.g. Choose Model). */
    private readonly runAction: (action: ChatActionId) => Promise<void>,
  ) {
    this.lastEditor = vscode.window.activeTextEditor;
    this.subscriptions = [
      session.onDidPost((message) => this.post(message)),
      // The chat takes the focus; "insert at cursor" and questions about the selection use the editor used last.
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.lastEditor = editor;
      }),
    ];
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [media, dist] };
    view.webview.html = this.html(view.webview);
    view.webview.onDidReceiveMessage((message: unknown) => {
      if (isFromWebview(message)) void this.receive(message);
    });
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
    });
  }

  /** Opens the chat (resolving its page) and waits until the page listens. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${chatViewId}.focus`);
    const deadline = Date.now() + 15_000;
    while (!this.ready && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  /** For tests: what the page's own document contains now. */
  async probe(): Promise<ChatProbe> {
    await this.reveal();
    const requestId = this.nextProbeId++;
    return new Promise<ChatProbe>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.probes.delete(requestId);
        reject(new Error('The chat view did not answer the probe.'));
      }, 10_000);
      this.probes.set(requestId, (probe) => {
        clearTimeout(timer);
        resolve(probe);
      });
      this.post({ type: 'probe', requestId });
    });
  }

  /** For tests: the page clicks its Send, Stop or New chat button, so the page's own wiring is what runs. */
  async press(control: PageControl, text?: string): Promise<void> {
    await this.reveal();
    this.post({ type: 'press', control, text });
  }

  /** For tests: the page clicks the newest action button with this id, as a user would. */
  async pressAction(action: ChatActionId): Promise<void> {
    await this.reveal();
    this.post({ type: 'pressAction', action });
  }

  private post(message: ToWebview): void {
    this.posted.set(message.type, (this.posted.get(message.type) ?? 0) + 1);
    // While hidden the page is gone; it asks for a snapshot when it comes back.
    if (this.view && this.ready) void this.view.webview.postMessage(message);
  }

  private async receive(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'snapshot', snapshot: this.session.snapshot() });
        return;
      case 'ask':
        await this.session.ask(message.text, this.selectionContext());
        return;
      case 'stop':
        this.session.stop();
        return;
      case 'newChat':
        await this.session.newChat();
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(withoutLineGutters(message.code));
        void vscode.window.setStatusBarMessage('Llama Review: code copied', 2000);
        return;
      case 'insert':
        await this.insertAtCursor(withoutLineGutters(message.code));
        return;
      case 'action':
        await this.runAction(message.action);
        return;
      case 'probeResult':
        this.probes.get(message.requestId)?.(message.probe);
        this.probes.delete(message.requestId);
        return;
    }
  }

  private selectionContext(): SelectionContext | undefined {
    const editor = this.lastEditor;
    if (!editor || editor.document.isClosed || editor.selection.isEmpty) return undefined;
    const { start, end } = editor.selection;
    const endLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
    return { fileName: vscode.workspace.asRelativePath(editor.document.uri), text: editor.document.getText(), span: { startLine: start.line, endLine } };
  }

  private async insertAtCursor(code: string): Promise<void> {
    const editor = this.lastEditor;
    if (!editor || editor.document.isClosed) {
      void vscode.window.showInformationMessage('Open a file and place the cursor where the code should go, then insert again.');
      return;
    }
    const shown = await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    await shown.edit((edit) => edit.replace(shown.selection, code));
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'chat.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'chat', 'chat.css'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      // No images, frames, connections or forms: model output is shown, never fetched from.
      "img-src 'none'",
      "connect-src 'none'",
      "frame-src 'none'",
      "form-action 'none'",
      "base-uri 'none'",
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Llama Review Chat</title>
</head>
<body>
<header class="toolbar">
  <span id="topic" class="topic" aria-live="polite"></span>
  <button id="new-chat" type="button" title="Start a new conversation">New chat</button>
</header>
<main id="messages" role="log" aria-live="polite" aria-label="Conversation" tabindex="0">
  <p id="empty" class="empty">Ask about the selected code, or choose "Explain" on a Llama Review finding (Ctrl+. on a squiggle). <span id="privacy"></span></p>
</main>
<form id="composer" class="composer">
  <label for="question" class="visually-hidden">Question</label>
  <textarea id="question" rows="3" placeholder="Ask about the selection or follow up (Enter to send, Shift+Enter for a new line, Escape to stop)"></textarea>
  <div class="actions">
    <button id="stop" type="button" hidden>Stop</button>
    <button id="send" type="submit">Send</button>
  </div>
</form>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
