// A diagnostic's code link (hover, peek view, Problems panel) opens its rule page the way VS Code
// opens any link: in the active group, as a preview, where it takes the place of the group's
// preview tab, often the very file the user was reading. A link cannot say where to open, so such
// a page is moved beside the editor once it opens, and the preview tab it replaced comes back.
// Pages the extension opens itself are pinned (openRuleDocumentation) and stay where they are put.
import * as vscode from 'vscode';
import { openRuleDocumentation, ruleDocsViewType } from './ruleDocs';

interface ReplacedTab {
  uri: vscode.Uri;
  viewColumn: vscode.ViewColumn;
}

function rulePageUri(tab: vscode.Tab): vscode.Uri | undefined {
  return tab.input instanceof vscode.TabInputCustom && tab.input.viewType === ruleDocsViewType ? tab.input.uri : undefined;
}

function groupAt(viewColumn: vscode.ViewColumn): vscode.TabGroup | undefined {
  return vscode.window.tabGroups.all.find((group) => group.viewColumn === viewColumn);
}

export class RuleDocsPlacement implements vscode.Disposable {
  /**
   * The preview text tab that the latest tab event closed. VS Code reports a preview replaced by
   * a new editor as that close followed at once by the new editor's open, in the same group; a tab
   * the user closes is followed by other events first (the next tab becoming active), unless it
   * was the last one in its group.
   */
  private lastClosedPreview: ReplacedTab | undefined;
  private readonly subscription = vscode.window.tabGroups.onDidChangeTabs((event) => this.onTabs(event));

  private onTabs(event: vscode.TabChangeEvent): void {
    const replaced = this.lastClosedPreview;
    this.lastClosedPreview = undefined;
    for (const tab of event.closed) {
      if (tab.isPreview && tab.input instanceof vscode.TabInputText) this.lastClosedPreview = { uri: tab.input.uri, viewColumn: tab.group.viewColumn };
    }
    for (const tab of event.opened) {
      const page = rulePageUri(tab);
      if (!page || !tab.isPreview) continue;
      // The user may close or move the tabs meanwhile; then there is nothing left to put right.
      this.moveBeside(page, tab.group.viewColumn, replaced?.viewColumn === tab.group.viewColumn ? replaced.uri : undefined).catch(() => undefined);
    }
  }

  private async moveBeside(page: vscode.Uri, viewColumn: vscode.ViewColumn, replaced: vscode.Uri | undefined): Promise<void> {
    // Alone in its group, the page already sits beside whatever else is open.
    if (!replaced && (groupAt(viewColumn)?.tabs.length ?? 0) <= 1) return;
    await openRuleDocumentation(page, viewColumn + 1);
    // As a preview again, it takes the page's place in its group, as the page took its place.
    if (replaced) await vscode.window.showTextDocument(replaced, { viewColumn, preview: true });
    const left = groupAt(viewColumn)?.tabs.find((tab) => tab.isPreview && rulePageUri(tab)?.toString() === page.toString());
    if (left) await vscode.window.tabGroups.close(left, true);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
