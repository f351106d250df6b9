// "Show Rule Documentation" without a rule id: its picker finds a rule by its Bandit or Ruff code
// and lists the rules the settings keep from running apart, saying why. Read through the test hook
// that returns the items and options the command shows.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extensionId, openPython, updateSetting } from './support';

interface PickerItem extends vscode.QuickPickItem {
  ruleId?: string;
}

interface Exports {
  rulePicker?: () => { items: PickerItem[]; options: vscode.QuickPickOptions };
}

/** What the quick pick keeps for `typed`: items whose label, description or detail contain it, as the options allow. */
function matching(items: PickerItem[], options: vscode.QuickPickOptions, typed: string): PickerItem[] {
  const needle = typed.toLowerCase();
  const has = (text: string | undefined) => !!text && text.toLowerCase().includes(needle);
  return items.filter((item) => item.kind !== vscode.QuickPickItemKind.Separator && (has(item.label) || (options.matchOnDescription && has(item.description)) || (options.matchOnDetail && has(item.detail))));
}

describe('Rule documentation picker', () => {
  let picker: NonNullable<Exports['rulePicker']>;
  before(async () => {
    const exports = (await vscode.extensions.getExtension(extensionId)?.activate()) as Exports | undefined;
    assert.ok(exports?.rulePicker, 'the extension exports its rule picker in extension mode Test');
    picker = exports.rulePicker;
  });
  afterEach(async () => {
    await closeAllEditors();
    await updateSetting('llamaReview.rules', undefined);
  });

  it('finds a rule by its Ruff or Bandit code', () => {
    const { items, options } = picker();
    for (const code of ['S602', 'B602']) assert.deepEqual(matching(items, options, code).map((item) => item.ruleId), ['subprocess-shell-true'], code);
  });

  it('lists the rules that are off apart, with why, from the settings of the file in the editor', async () => {
    await updateSetting('llamaReview.rules', { 'eval-used': 'off' });
    await openPython('app/review_me.py');
    const { items } = picker();
    const separator = items.findIndex((item) => item.kind === vscode.QuickPickItemKind.Separator);
    assert.ok(separator > 0, 'no separator before the rules that are off');
    const off = items.slice(separator + 1);
    assert.match(off.find((item) => item.ruleId === 'eval-used')?.detail ?? '', /^Off: off in llamaReview\.rules\./);
    assert.match(off.find((item) => item.ruleId === 'assert-used')?.detail ?? '', /^Off: off by default\./);
    assert.ok(items.slice(0, separator).some((item) => item.ruleId === 'exec-used'));
    assert.ok(!items.slice(0, separator).some((item) => item.ruleId === 'eval-used'));
  });
});
