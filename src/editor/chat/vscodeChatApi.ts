// The parts of VS Code's chat APIs that @types/vscode 1.90 (the oldest VS Code the manifest allows)
// lacks or types differently: the language model provider (finalized in VS Code 1.104), the text
// part it streams, and request messages whose content is a list of parts. Declared here as the
// minimum this extension uses, and looked up on the `vscode` module at run time, so an older VS
// Code still activates and simply goes without them.
import type * as vscode from 'vscode';

/** A piece of streamed or sent text (vscode.LanguageModelTextPart). */
export interface LanguageModelTextPart {
  readonly value: string;
}

/** vscode.LanguageModelChatMessageRole, with System (3) as VS Code 1.139 sends it. */
export const messageRoles = { user: 1, assistant: 2, system: 3 } as const;

/** A message as a provider receives it: its content is parts (text, tool calls, data). */
export interface LanguageModelChatRequestMessage {
  readonly role: number;
  readonly content: ReadonlyArray<unknown>;
  readonly name: string | undefined;
}

export interface LanguageModelChatInformation {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly tooltip?: string;
  readonly detail?: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: { readonly imageInput?: boolean; readonly toolCalling?: boolean | number };
}

export interface LanguageModelChatProvider<Model extends LanguageModelChatInformation = LanguageModelChatInformation> {
  readonly onDidChangeLanguageModelChatInformation?: vscode.Event<void>;
  provideLanguageModelChatInformation(options: { readonly silent: boolean }, token: vscode.CancellationToken): vscode.ProviderResult<Model[]>;
  provideLanguageModelChatResponse(
    model: Model,
    messages: readonly LanguageModelChatRequestMessage[],
    options: unknown,
    progress: vscode.Progress<LanguageModelTextPart>,
    token: vscode.CancellationToken,
  ): Thenable<void>;
  provideTokenCount(model: Model, text: string | LanguageModelChatRequestMessage, token: vscode.CancellationToken): Thenable<number>;
}

export interface LanguageModelProviderApi {
  registerLanguageModelChatProvider(vendor: string, provider: LanguageModelChatProvider): vscode.Disposable;
  /** Its constructor: VS Code accepts only its own part objects from a provider's progress. */
  LanguageModelTextPart: new (value: string) => LanguageModelTextPart;
}

export interface ChatParticipantApi {
  createChatParticipant(id: string, handler: vscode.ChatRequestHandler): vscode.ChatParticipant;
}

/** What of VS Code's chat this VS Code has; a part is absent where the running VS Code lacks it. */
export interface VscodeChatApis {
  languageModels?: LanguageModelProviderApi;
  participants?: ChatParticipantApi;
}

interface ChatHost {
  lm?: { registerLanguageModelChatProvider?: unknown };
  chat?: { createChatParticipant?: unknown };
  LanguageModelTextPart?: unknown;
}

/** Feature detection on the `vscode` module (or anything shaped like it): what it offers, bound to it. */
export function vscodeChatApis(host: object): VscodeChatApis {
  const { lm, chat, LanguageModelTextPart } = host as ChatHost;
  const apis: VscodeChatApis = {};
  if (typeof lm?.registerLanguageModelChatProvider === 'function' && typeof LanguageModelTextPart === 'function') {
    const register = lm.registerLanguageModelChatProvider as LanguageModelProviderApi['registerLanguageModelChatProvider'];
    apis.languageModels = {
      registerLanguageModelChatProvider: (vendor, provider) => register.call(lm, vendor, provider),
      LanguageModelTextPart: LanguageModelTextPart as LanguageModelProviderApi['LanguageModelTextPart'],
    };
  }
  if (typeof chat?.createChatParticipant === 'function') {
    const create = chat.createChatParticipant as ChatParticipantApi['createChatParticipant'];
    apis.participants = { createChatParticipant: (id, handler) => create.call(chat, id, handler) };
  }
  return apis;
}

/** The one log line for a VS Code without some of these APIs, or undefined when it has them all. */
export function missingChatApisNotice(apis: VscodeChatApis, version?: string): string | undefined {
  const missing = [
    ...(apis.languageModels ? [] : ['the language model provider API (the model in VS Code\'s model picker)']),
    ...(apis.participants ? [] : ['the chat participant API (@llama-review)']),
  ];
  if (missing.length === 0) return undefined;
  return `This VS Code${version ? ` (${version})` : ''} lacks ${missing.join(' and ')}, so Llama Review goes without; its own chat view works as before.`;
}

/** The text of a message's text parts (other parts, such as tool results, carry none for us). */
export function messageText(message: LanguageModelChatRequestMessage | string): string {
  if (typeof message === 'string') return message;
  return message.content
    .map((part) => (typeof part === 'string' ? part : typeof (part as Partial<LanguageModelTextPart>)?.value === 'string' ? (part as LanguageModelTextPart).value : ''))
    .join('');
}
