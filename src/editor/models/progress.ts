// Model work outside the chat runs under a cancellable progress notification: the editor stays
// usable, and Cancel aborts the request in the model process.
import * as vscode from 'vscode';

export function withModelProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return work(controller.signal);
    }),
  );
}
