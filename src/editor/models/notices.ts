// Messages about the model, shown through one function so that each failure produces exactly one
// message with a way forward (and so integration tests can see what the user saw).
import * as vscode from 'vscode';
import type { OpenNotices, ShownMessages } from './testHooks';

export type NoticeLevel = 'info' | 'warning' | 'error';

export class Notices {
  constructor(
    readonly shown?: ShownMessages,
    readonly open?: OpenNotices,
  ) {}

  /**
   * A notice that stays until `until` settles, then closes. VS Code cannot close a message it
   * showed, so one about a choice made elsewhere would linger, stale; a progress notification ends
   * with its task. Its Cancel button calls `onCancel`.
   */
  showUntil(title: string, message: string, until: Promise<unknown>, onCancel: () => void): void {
    this.shown?.record(`${title}. ${message}`);
    const closed = this.open?.opened(title);
    void vscode.window
      .withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        progress.report({ message });
        const cancelling = token.onCancellationRequested(onCancel);
        try {
          await until;
        } finally {
          cancelling.dispose();
        }
      })
      .then(closed, closed);
  }

  /** Shows `message` with `actions`; resolves with the action chosen (not awaited by callers that only inform). */
  show<T extends string>(level: NoticeLevel, message: string, ...actions: T[]): Thenable<T | undefined> {
    this.shown?.record(message, actions);
    switch (level) {
      case 'info':
        return vscode.window.showInformationMessage(message, ...actions);
      case 'warning':
        return vscode.window.showWarningMessage(message, ...actions);
      default:
        return vscode.window.showErrorMessage(message, ...actions);
    }
  }
}
