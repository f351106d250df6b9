// The team server's API key lives in VS Code's secret storage (the OS keychain where there is
// one), never in settings files or logs. The CLI reads LLAMA_REVIEW_API_KEY instead.
import * as vscode from 'vscode';

const secretKey = 'llamaReview.server.apiKey';

export class ServerApiKey implements vscode.Disposable {
  private value?: string;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the key was set, changed or removed (here or in another window). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(async (event) => {
      if (event.key !== secretKey) return;
      await this.load();
      this.changed.fire();
    });
  }

  /** The key as last read; requests made before the first read go without one. */
  get current(): string | undefined {
    return this.value;
  }

  async load(): Promise<void> {
    this.value = (await this.secrets.get(secretKey))?.trim() || undefined;
  }

  /** Asks for the key; an empty answer removes it. */
  async prompt(): Promise<void> {
    const entered = await vscode.window.showInputBox({
      title: 'Llama Review: Server API Key',
      prompt: 'The API key of the OpenAI-compatible server (sent as a Bearer token). Leave empty to remove the stored key.',
      password: true,
      ignoreFocusOut: true,
    });
    if (entered === undefined) return;
    if (entered.trim()) await this.secrets.store(secretKey, entered.trim());
    else await this.secrets.delete(secretKey);
    await this.load();
    void vscode.window.showInformationMessage(entered.trim() ? 'Llama Review: the server API key is stored in VS Code\'s secret storage.' : 'Llama Review: the server API key is removed.');
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
