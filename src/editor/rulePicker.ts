// The quick pick of "Show Rule Documentation": rules that run with the settings of the active
// editor's file, then, under a separator, those that do not. It matches ids, codes and titles.
import * as vscode from 'vscode';
import { allRules } from '../analysis/rules';
import { readEditorSettings } from './config';
import { rulePickItems } from './rulePickItems';

export interface RulePickerItem extends vscode.QuickPickItem {
  /** Absent on the separator. */
  ruleId?: string;
}

export interface RulePicker {
  items: RulePickerItem[];
  options: vscode.QuickPickOptions;
}

export function rulePicker(): RulePicker {
  const { analysis } = readEditorSettings(vscode.window.activeTextEditor?.document.uri);
  const { on, off } = rulePickItems(allRules().map((rule) => rule.meta), analysis);
  const separator: RulePickerItem = { label: 'Off with the current settings', kind: vscode.QuickPickItemKind.Separator };
  return {
    items: [...on, ...(off.length > 0 ? [separator, ...off] : [])],
    options: {
      title: 'Llama Review: rule documentation',
      placeHolder: 'Rule id, title, or Bandit / Ruff code (B602, S602)',
      matchOnDescription: true,
      matchOnDetail: true,
    },
  };
}
