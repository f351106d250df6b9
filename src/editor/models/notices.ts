// Messages about the model, shown through one function so that each failure produces exactly one
// message with a way forward (and so integration tests can see what the user saw).
import * as vscode from 'vscode';
import type { ShownMessages } from './testHooks';

export type NoticeLevel = 'info' | 'warning' | 'error';

export class Notices {
  constructor(readonly shown?: ShownMessages) {}

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
