// "Disable rule in settings": `"llamaReview.rules": {"<id>": "off"}` in the workspace settings,
// kept with the severities already set there; without a workspace, in the user settings. The
// settings change makes every open file be reviewed again, so the rule's findings go.
import * as vscode from 'vscode';
import { ruleMeta } from '../analysis/rules';
import { settingsSection } from './config';

export const disableRuleCommand = 'llamaReview.disableRuleInSettings';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Command: turns `ruleId` off; false for an id that names no rule. */
export async function disableRuleInSettings(ruleId: unknown): Promise<boolean> {
  if (typeof ruleId !== 'string' || !ruleMeta(ruleId)) return false;
  const config = vscode.workspace.getConfiguration(settingsSection);
  const inWorkspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  const inspected = config.inspect<unknown>('rules');
  const current = inWorkspace ? inspected?.workspaceValue : inspected?.globalValue;
  const rules = { ...(isPlainObject(current) ? current : {}), [ruleId]: 'off' };
  await config.update('rules', rules, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  void vscode.window.showInformationMessage(`Llama Review: rule "${ruleId}" is off in the ${inWorkspace ? 'workspace' : 'user'} settings (llamaReview.rules).`);
  return true;
}
