// Entry point of the VS Code extension: builds the parts and connects them, nothing more.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Llama Review', { log: true });
  context.subscriptions.push(output);
  output.info('Llama Review activated.');
}

export function deactivate(): void {}
