// Rule documentation opens beside the editor and never takes the place of the user's preview tab:
// from the command (and so the quick fix, which runs it) and from a diagnostic's code link.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionId, waitFor, writeWorkspaceFile } from './support';

const pageOf = (rule: string) => vscode.Uri.from({ scheme: 'llama-review-docs', path: `/rules/${rule}` });

function isPage(tab: vscode.Tab, rule: string): boolean {
  return tab.input instanceof vscode.TabInputCustom && tab.input.viewType === 'llamaReview.ruleDocumentation' && tab.input.uri.path === `/rules/${rule}`;
}

function isFile(tab: vscode.Tab, uri: vscode.Uri): boolean {
  return tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString();
}

/** Every group's tabs, for failure messages: `1: a.py (preview) | 2: eval-used`. */
function describeTabs(): string {
  return vscode.window.tabGroups.all
    .map((group) => `${group.viewColumn}: ${group.tabs.map((tab) => `${tab.label}${tab.isPreview ? ' (preview)' : ''}`).join(', ')}`)
    .join(' | ');
}

async function openAsPreview(relativePath: string, viewColumn: vscode.ViewColumn): Promise<vscode.Uri> {
  const uri = writeWorkspaceFile(relativePath, 'value = 1\n');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn, preview: true });
  const tab = vscode.window.tabGroups.all.find((group) => group.viewColumn === viewColumn)?.tabs.find((candidate) => isFile(candidate, uri));
  assert.ok(tab?.isPreview, `${relativePath} should open as a preview tab: ${describeTabs()}`);
  return uri;
}

/** Waits until `uri` has a tab in group `viewColumn` and the rule's page shows in another group. */
async function waitForSourceAndPageApart(uri: vscode.Uri, viewColumn: vscode.ViewColumn, rule: string): Promise<void> {
  try {
    await waitFor('the source tab kept and the rule page beside it', () => {
      const groups = vscode.window.tabGroups.all;
      const sourceKept = groups.some((group) => group.viewColumn === viewColumn && group.tabs.some((tab) => isFile(tab, uri)));
      const pageGroups = groups.filter((group) => group.tabs.some((tab) => isPage(tab, rule))).map((group) => group.viewColumn);
      return sourceKept && pageGroups.length === 1 && pageGroups[0] !== viewColumn ? true : undefined;
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}; tabs: ${describeTabs()}`);
  }
}

describe('Rule documentation placement', () => {
  before(async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
  });
  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
  });

  it('opens from the command beside the editor, leaving the preview tabs of both groups open', async () => {
    const left = await openAsPreview('scratch/docs_left.py', vscode.ViewColumn.One);
    const right = await openAsPreview('scratch/docs_right.py', vscode.ViewColumn.Two);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(left), { viewColumn: vscode.ViewColumn.One, preview: true });

    assert.equal(await vscode.commands.executeCommand('llamaReview.showRuleDocumentation', 'eval-used'), true);
    await waitForSourceAndPageApart(left, vscode.ViewColumn.One, 'eval-used');
    // The group beside held a preview of its own; a pinned page opens next to it instead of over it.
    const beside = vscode.window.tabGroups.all.find((group) => group.viewColumn === vscode.ViewColumn.Two);
    assert.ok(beside?.tabs.some((tab) => isFile(tab, right)), `docs_right.py was replaced: ${describeTabs()}`);
    assert.ok(beside?.tabs.some((tab) => isPage(tab, 'eval-used')), `the page is not beside: ${describeTabs()}`);
  });

  it('moves a page opened from a code link beside the editor and brings back the preview tab it replaced', async () => {
    const source = await openAsPreview('scratch/docs_link.py', vscode.ViewColumn.One);
    // What a click on the rule id in the Problems panel does: open the code's target in the active group.
    await vscode.commands.executeCommand('vscode.open', pageOf('compare-to-none'));
    await waitForSourceAndPageApart(source, vscode.ViewColumn.One, 'compare-to-none');
  });
});
