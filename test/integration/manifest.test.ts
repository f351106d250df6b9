// What package.json promises is there: every contributed command is registered, and the settings
// that Workspace Trust restricts are real settings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionId } from './support';

describe('Manifest', () => {
  const extension = () => vscode.extensions.getExtension(extensionId)!;

  it('registers every contributed command', async () => {
    await extension().activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed: { command: string }[] = extension().packageJSON.contributes.commands;
    for (const { command } of contributed) assert.ok(registered.has(command), `${command} is not registered`);
  });

  it('restricts, in untrusted workspaces, only settings it contributes', () => {
    const { capabilities, contributes } = extension().packageJSON;
    const restricted: string[] = capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.ok(restricted.length > 0);
    const settings: Record<string, unknown> = Object.assign({}, ...contributes.configuration.map((section: { properties: object }) => section.properties));
    for (const key of restricted) assert.ok(key in settings, `${key} is not a contributed setting`);
  });
});
