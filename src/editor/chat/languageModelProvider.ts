// The extension's model as a language model of VS Code's own: listed in the chat's model picker
// and in `vscode.lm.selectChatModels({vendor: 'llama-review'})`. One entry stands for whatever the
// llamaReview.model settings choose; each request goes through ModelService.ask like every other.
import * as vscode from 'vscode';
import { isAbortError, isNoModelError } from '../../model/errors';
import { conversationPrompt, estimateTokens, type ConversationMessage } from '../../model/prompts';
import { settingsSection } from '../config';
import type { ModelCommands } from '../models/modelCommands';
import type { ModelService } from '../models/modelService';
import {
  messageRoles,
  messageText,
  type LanguageModelChatInformation,
  type LanguageModelChatProvider,
  type LanguageModelChatRequestMessage,
  type LanguageModelProviderApi,
  type LanguageModelTextPart,
} from './vscodeChatApi';

/** The vendor package.json declares under `contributes.languageModelChatProviders`. */
export const chatModelVendor = 'llama-review';
const chatModelId = 'llama-review';
/** Used when neither the setting nor the expected model gives a context size. */
const defaultContextTokens = 4096;

function conversationMessage(message: LanguageModelChatRequestMessage): ConversationMessage {
  const role = message.role === messageRoles.assistant ? 'assistant' : message.role === messageRoles.system ? 'system' : 'user';
  return { role, text: messageText(message) };
}

export class ChatModelProvider implements LanguageModelChatProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** The entry names the expected model and its limits, which follow the model settings. */
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly watching = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${settingsSection}.model`)) this.changed.fire();
  });

  constructor(
    private readonly models: ModelService,
    private readonly modelCommands: ModelCommands,
    private readonly TextPart: new (value: string) => LanguageModelTextPart,
  ) {}

  provideLanguageModelChatInformation(): LanguageModelChatInformation[] {
    let settings;
    try {
      settings = this.models.parts().settings;
    } catch {
      // A bad model setting: the entry stays listed, and a request says what is wrong.
    }
    const expected = this.models.expectedModel('explain');
    const maxOutputTokens = settings?.tasks.explain.maxTokens ?? 512;
    const contextTokens = (typeof settings?.contextSize === 'number' && settings.contextSize > 0 ? settings.contextSize : expected?.contextLength) ?? defaultContextTokens;
    return [
      {
        id: chatModelId,
        name: 'Llama Review',
        family: chatModelVendor,
        version: '1',
        detail: expected?.name,
        tooltip: 'The model the Llama Review settings choose (llamaReview.model.*), on this machine unless they name a server.',
        maxInputTokens: Math.max(256, contextTokens - maxOutputTokens),
        maxOutputTokens,
        capabilities: { imageInput: false, toolCalling: false },
      },
    ];
  }

  async provideLanguageModelChatResponse(
    _model: LanguageModelChatInformation,
    messages: readonly LanguageModelChatRequestMessage[],
    _options: unknown,
    progress: vscode.Progress<LanguageModelTextPart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const { prompt, history } = conversationPrompt(messages.map(conversationMessage));
    if (token.isCancellationRequested) return;
    const controller = new AbortController();
    const cancelling = token.onCancellationRequested(() => controller.abort());
    try {
      await this.models.ask({
        prompt,
        history,
        signal: controller.signal,
        onText: (text) => progress.report(new this.TextPart(text)),
        onRestart: () => progress.report(new this.TextPart('\n\n(The server stopped answering; the local model answers instead.)\n\n')),
      });
    } catch (error) {
      // Cancelled: the stream simply ends where it was, as the caller asked.
      if (isAbortError(error)) return;
      // The caller shows the error; its text is the same way forward the notification offers.
      if (isNoModelError(error)) throw new Error((await this.modelCommands.noModelHelp()).message);
      throw error;
    } finally {
      cancelling.dispose();
    }
  }

  /** An estimate: counting exactly would load the model, and callers only budget with it. */
  async provideTokenCount(_model: LanguageModelChatInformation, text: string | LanguageModelChatRequestMessage): Promise<number> {
    return estimateTokens(messageText(text));
  }

  dispose(): void {
    this.watching.dispose();
    this.changed.dispose();
  }
}

export function registerLanguageModelProvider(api: LanguageModelProviderApi, models: ModelService, modelCommands: ModelCommands): vscode.Disposable {
  const provider = new ChatModelProvider(models, modelCommands, api.LanguageModelTextPart);
  return vscode.Disposable.from(api.registerLanguageModelChatProvider(chatModelVendor, provider), provider);
}
