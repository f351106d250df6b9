// Edits proposed by the model (fixes, docstrings) are shown as a diff and applied only when the
// user accepts: never silently. The proposed text lives in a read-only virtual document; the
// diff editor's title bar carries Accept and Reject, and a notification offers the same.
import * as vscode from 'vscode';

export const proposalScheme = 'llama-review-proposal';
export const acceptProposalCommand = 'llamaReview.acceptProposal';
export const rejectProposalCommand = 'llamaReview.rejectProposal';
const proposalOpenContext = 'llamaReview.proposalOpen';

export interface ProposalInput {
  document: vscode.TextDocument;
  /** The text that replaces `range`. */
  range: vscode.Range;
  newText: string;
  /** Diff title, e.g. "Fix eval-used (local model)". */
  title: string;
  /** One line about the proposal's quality: parses, still has the finding, ... */
  verdict: string;
  /** False when the proposal is known to be broken (does not parse, still has the finding): shown as a warning. */
  looksGood: boolean;
}

interface Proposal extends ProposalInput {
  uri: vscode.Uri;
  version: number;
  proposedText: string;
}

export class ProposalPreviews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly proposals = new Map<string, Proposal>();
  private nextId = 1;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(proposalScheme, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.proposals.get(uri.toString())?.proposedText ?? '';
  }

  /** Opens the diff of the document against the proposal; resolves once it shows. */
  async show(input: ProposalInput): Promise<vscode.Uri> {
    const { document, range, newText } = input;
    const proposedText = document.getText(new vscode.Range(new vscode.Position(0, 0), range.start)) + newText + document.getText(new vscode.Range(range.end, document.lineAt(document.lineCount - 1).range.end));
    const uri = document.uri.with({ scheme: proposalScheme, query: `proposal=${this.nextId++}` });
    this.proposals.set(uri.toString(), { ...input, uri, version: document.version, proposedText });
    await vscode.commands.executeCommand('vscode.diff', document.uri, uri, `${input.title}: ${input.verdict}`, { preview: false });
    await vscode.commands.executeCommand('setContext', proposalOpenContext, true);
    // Not awaited: the diff's title bar has the same two actions, and tests drive those.
    const notify = input.looksGood ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void notify(`${input.title}: ${input.verdict}. Review the diff, then accept or reject it.`, 'Accept', 'Reject').then((choice) => {
      if (choice === 'Accept') void this.accept(uri);
      else if (choice === 'Reject') void this.reject(uri);
    });
    return uri;
  }

  /** The proposal in the active diff, or the latest one. */
  private current(uri?: vscode.Uri): Proposal | undefined {
    if (uri instanceof vscode.Uri) return this.proposals.get(uri.toString());
    const active = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (active instanceof vscode.TabInputTextDiff && active.modified.scheme === proposalScheme) return this.proposals.get(active.modified.toString());
    return [...this.proposals.values()].pop();
  }

  /** Applies the proposal if its file has not changed since; true when applied. */
  async accept(uri?: vscode.Uri): Promise<boolean> {
    const proposal = this.current(uri);
    if (!proposal) {
      void vscode.window.showInformationMessage('There is no proposed edit to accept.');
      return false;
    }
    const document = proposal.document;
    if (document.isClosed || document.version !== proposal.version) {
      await this.forget(proposal);
      void vscode.window.showWarningMessage('The file changed after the proposal was made, so it was not applied. Ask again for a fresh one.');
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, proposal.range, proposal.newText);
    const applied = await vscode.workspace.applyEdit(edit);
    await this.forget(proposal);
    return applied;
  }

  async reject(uri?: vscode.Uri): Promise<void> {
    const proposal = this.current(uri);
    if (proposal) await this.forget(proposal);
  }

  private async forget(proposal: Proposal): Promise<void> {
    this.proposals.delete(proposal.uri.toString());
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === proposal.uri.toString());
    await vscode.window.tabGroups.close(tabs);
    await vscode.commands.executeCommand('setContext', proposalOpenContext, this.proposals.size > 0);
  }

  /** For tests: the proposals waiting for a decision. */
  pending(): vscode.Uri[] {
    return [...this.proposals.values()].map((proposal) => proposal.uri);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.proposals.clear();
  }
}
