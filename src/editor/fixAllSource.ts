// "Fix all" as a source action, `source.fixAll.llama-review`: what `"editor.codeActionsOnSave":
// {"source.fixAll.llama-review": "explicit"}` applies on save, and what Fix All and the Source
// Action menu offer. One edit with the safe fixes of every rule in the file, for the findings the
// Problems panel shows; from the findings store, never a new analysis, and nothing while a review
// is pending (the edit would apply to older text).
import * as vscode from 'vscode';
import { workspaceEdit } from './codeActions';
import type { FindingsStore } from './findingsStore';
import { fixAllSafe } from './fixEdits';

export const fixAllKind = vscode.CodeActionKind.SourceFixAll.append('llama-review');

export class FixAllSourceAction implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [fixAllKind] };

  constructor(private readonly store: FindingsStore) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    // Only when asked for (on save, Fix All, Source Action...): a quick fix menu never lists it.
    if (!context.only?.contains(fixAllKind)) return [];
    if (!this.store.forDocument(document)) return [];
    const fixAll = fixAllSafe(this.store.shownFindings(document.uri));
    if (!fixAll) return [];
    const action = new vscode.CodeAction(fixAll.title, fixAllKind);
    action.edit = workspaceEdit(document.uri, fixAll.edits);
    return [action];
  }
}
