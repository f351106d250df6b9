// Edits proposed by the model (fixes, docstrings) are shown as a diff and applied only when the
// user accepts: never silently. The proposed text lives in a read-only virtual document; the
// diff editor's title bar carries Accept and Reject. A notice lasts while the proposal waits and
// closes when it is decided: accepted, rejected, its diff closed, or replaced by a newer one.
import * as vscode from 'vscode';
import type { ProposalStanding } from '../../model/fixVerdict';
import type { Notices } from './notices';

export const proposalScheme = 'llama-review-proposal';
export const acceptProposalCommand = 'llamaReview.acceptProposal';
export const rejectProposalCommand = 'llamaReview.rejectProposal';
const proposalOpenContext = 'llamaReview.proposalOpen';
/** In the query of a proposal that may be accepted; package.json's Accept button looks for it. */
export const acceptableMark = 'llama-review-acceptable';

export interface ProposalInput {
  document: vscode.TextDocument;
  /** The text that replaces `range`. */
  range: vscode.Range;
  newText: string;
  /** Diff title, e.g. "Fix eval-used (local model)". */
  title: string;
  /** One line about the proposal's quality: parses, still has the finding, rejected: ... */
  verdict: string;
  /** A rejected proposal is shown but cannot be accepted. */
  standing: ProposalStanding;
}

interface Proposal extends ProposalInput {
  uri: vscode.Uri;
  version: number;
  proposedText: string;
  /** Ends the proposal's notice. */
  decided: () => void;
}

export class ProposalPreviews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly proposals = new Map<string, Proposal>();
  private nextId = 1;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(proposalScheme, this);
  // Closing the diff decides too: nobody accepts an edit they no longer see.
  private readonly tabWatch = vscode.window.tabGroups.onDidChangeTabs(({ closed }) => {
    for (const tab of closed) {
      const proposal = tab.input instanceof vscode.TabInputTextDiff ? this.proposals.get(tab.input.modified.toString()) : undefined;
      if (proposal) void this.forget(proposal);
    }
  });

  constructor(private readonly notices: Notices) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.proposals.get(uri.toString())?.proposedText ?? '';
  }

  /** Opens the diff of the document against the proposal; resolves once it shows. */
  async show(input: ProposalInput): Promise<vscode.Uri> {
    const { document, range, newText } = input;
    // A newer proposal for the same file replaces the waiting one: accepting either would leave the other stale.
    for (const waiting of [...this.proposals.values()]) if (waiting.document.uri.toString() === document.uri.toString()) await this.forget(waiting);
    const proposedText = document.getText(new vscode.Range(new vscode.Position(0, 0), range.start)) + newText + document.getText(new vscode.Range(range.end, document.lineAt(document.lineCount - 1).range.end));
    // A mark in the URI lets the diff's title bar offer Accept only where it applies (package.json menus).
    const acceptable = input.standing === 'rejected' ? '' : `&${acceptableMark}`;
    const uri = document.uri.with({ scheme: proposalScheme, query: `proposal=${this.nextId++}${acceptable}` });
    let decided = () => {};
    const settled = new Promise<void>((resolve) => (decided = resolve));
    this.proposals.set(uri.toString(), { ...input, uri, version: document.version, proposedText, decided });
    await vscode.commands.executeCommand('vscode.diff', document.uri, uri, `${input.title}: ${input.verdict}`, { preview: false });
    await vscode.commands.executeCommand('setContext', proposalOpenContext, true);
    const next = input.standing === 'rejected' ? 'It cannot be accepted; Cancel closes the diff.' : "Review the diff, then Accept or Reject it in the diff's title bar (Cancel rejects).";
    this.notices.showUntil(`${input.title}: ${input.verdict}`, next, settled, () => void this.reject(uri));
    return uri;
  }

  /** The proposal in the active diff, or the latest one. */
  private current(uri?: vscode.Uri): Proposal | undefined {
    if (uri instanceof vscode.Uri) return this.proposals.get(uri.toString());
    const active = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (active instanceof vscode.TabInputTextDiff && active.modified.scheme === proposalScheme) return this.proposals.get(active.modified.toString());
    return [...this.proposals.values()].pop();
  }

  /** Applies the proposal if it is acceptable and its file has not changed since; true when applied. */
  async accept(uri?: vscode.Uri): Promise<boolean> {
    const proposal = this.current(uri);
    if (!proposal) {
      void this.notices.show('info', 'There is no proposed edit to accept.');
      return false;
    }
    if (proposal.standing === 'rejected') {
      void this.notices.show('warning', `${proposal.title}: ${proposal.verdict}. A rejected proposal cannot be accepted; reject it, or ask again for a fresh one.`);
      return false;
    }
    const document = proposal.document;
    if (document.isClosed || document.version !== proposal.version) {
      await this.forget(proposal);
      void this.notices.show('warning', 'The file changed after the proposal was made, so it was not applied. Ask again for a fresh one.');
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
    if (!this.proposals.delete(proposal.uri.toString())) return;
    proposal.decided();
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === proposal.uri.toString());
    await vscode.window.tabGroups.close(tabs);
    await vscode.commands.executeCommand('setContext', proposalOpenContext, this.proposals.size > 0);
  }

  /** For tests: the proposals waiting for a decision. */
  pending(): vscode.Uri[] {
    return [...this.proposals.values()].map((proposal) => proposal.uri);
  }

  dispose(): void {
    for (const proposal of this.proposals.values()) proposal.decided();
    this.registration.dispose();
    this.tabWatch.dispose();
    this.changed.dispose();
    this.proposals.clear();
  }
}
