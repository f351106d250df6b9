// The model in VS Code's own chat, where the running VS Code has the APIs: a language model in the
// model picker (and for other extensions) and the @llama-review participant. Where it lacks them,
// one info line says so and the rest of the extension, the chat view included, is unchanged.
import * as vscode from 'vscode';
import { ChatParticipantHandler, registerChatParticipant, type ParticipantParts } from './chatParticipant';
import { registerLanguageModelProvider } from './languageModelProvider';
import { missingChatApisNotice, vscodeChatApis } from './vscodeChatApi';

export interface VscodeChatRegistration {
  disposables: vscode.Disposable[];
  /** The info line logged for what this VS Code lacks, if anything. */
  notice?: string;
}

/**
 * `host` is the `vscode` module (tests pass one without the chat APIs); `wrap`, in extension mode
 * Test, records what the participant streams.
 */
export function registerVscodeChat(
  host: object,
  parts: ParticipantParts,
  iconPath: vscode.Uri,
  wrap: (handler: vscode.ChatRequestHandler) => vscode.ChatRequestHandler = (handler) => handler,
): VscodeChatRegistration {
  const apis = vscodeChatApis(host);
  const participant = new ChatParticipantHandler(parts);
  const disposables: vscode.Disposable[] = [];
  if (apis.languageModels) disposables.push(registerLanguageModelProvider(apis.languageModels, parts.models, parts.modelCommands));
  if (apis.participants) disposables.push(registerChatParticipant(apis.participants.createChatParticipant, wrap(participant.handle), participant.followups, iconPath));
  const version = (host as { version?: unknown }).version;
  const notice = missingChatApisNotice(apis, typeof version === 'string' ? version : undefined);
  if (notice) parts.log.info(notice);
  return { disposables, notice };
}
