// The chat's conversation, owned by the extension so it survives the view being hidden: the turns
// shown, the transcript the model is sent (whole, trimmed by transcript.ts, so a follow-up after
// an idle unload, a restarted model process or another provider still has the code), streaming,
// Stop and New chat. The conversation id is only a hint for reusing evaluated tokens. The view
// only renders what this sends.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Finding } from '../../analysis/finding';
import { errorMessage, isAbortError, isNoModelError } from '../../model/errors';
import type { ModelCommands } from '../models/modelCommands';
import type { ModelService } from '../models/modelService';
import { followUpPrompt, plainQuestionPrompt, selectionQuestionPrompt, type PromptParts, type SelectionContext } from '../../model/prompts';
import type { TranscriptTurn } from '../../model/provider';
import { whereAnswersComeFrom } from '../../model/providerNotice';
import { trimTranscript } from '../../model/transcript';
import { codeBlock } from './codeBlock';
import { findingExplanation } from './findingExplanation';
import type { ChatSnapshot, ChatTurn, ToWebview } from './chatProtocol';

export interface FirstTokenTiming {
  kind: 'explain' | 'follow-up' | 'question';
  /** From the request to the first text in the extension, model start and loading included. */
  firstTextMs: number;
  /** The model's own prompt evaluation until its first token. */
  modelFirstTokenMs: number;
  promptTokensEvaluated: number;
  /** Tokens the conversation holds after the answer: grows across follow-ups of one conversation. */
  contextTokens: number;
  modelId: string;
}

export class ChatSession implements vscode.Disposable {
  private turns: ChatTurn[] = [];
  private nextTurnId = 1;
  private conversationId = randomUUID();
  /** What the model has been told and answered, oldest first; empty until the first answer. */
  private transcript: TranscriptTurn[] = [];
  /** The first question's task and system prompt, kept by every follow-up. */
  private grounding?: Pick<PromptParts, 'task' | 'systemPrompt'>;
  private topic?: string;
  private running?: AbortController;
  private readonly emitter = new vscode.EventEmitter<ToWebview>();
  /** What the view should show next. */
  readonly onDidPost = this.emitter.event;
  /** Time to first token of each answer, for the log and the tests. */
  readonly timings: FirstTokenTiming[] = [];

  constructor(
    private readonly models: ModelService,
    private readonly modelCommands: ModelCommands,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get busy(): boolean {
    return this.running !== undefined;
  }

  snapshot(): ChatSnapshot {
    return { turns: this.turns.map((turn) => ({ ...turn })), busy: this.busy, topic: this.topic, privacy: whereAnswersComeFrom(this.models.providerFor('explain')) };
  }

  /** Starts a new conversation about `finding` in `document`. */
  async explain(document: vscode.TextDocument, finding: Finding): Promise<void> {
    await this.newChat();
    const grounding = await findingExplanation(document, finding);
    this.topic = grounding.topic;
    this.emitter.fire({ type: 'snapshot', snapshot: this.snapshot() });
    const shown = `Explain **${finding.ruleId}** at line ${finding.range.start.line + 1}: ${finding.message}\n\n${grounding.code}`;
    await this.answer(shown, grounding.prompt, 'explain');
  }

  /** A question typed in the chat: the first one is about the selection (if any), later ones follow up. */
  async ask(question: string, selection?: SelectionContext): Promise<void> {
    const trimmed = question.trim();
    if (!trimmed || this.busy) return;
    if (this.grounding && this.transcript.length > 0) {
      await this.answer(trimmed, followUpPrompt(trimmed, this.grounding), 'follow-up');
      return;
    }
    if (selection) {
      this.topic = `${selection.fileName}:${selection.span.startLine + 1}-${selection.span.endLine + 1}`;
      this.emitter.fire({ type: 'snapshot', snapshot: this.snapshot() });
      await this.answer(`${trimmed}\n\n${codeBlock(selection.text, selection.span)}`, selectionQuestionPrompt(trimmed, selection), 'question');
    } else {
      await this.answer(trimmed, plainQuestionPrompt(trimmed), 'question');
    }
  }

  stop(): void {
    this.running?.abort();
  }

  async newChat(): Promise<void> {
    this.stop();
    const previous = this.conversationId;
    this.conversationId = randomUUID();
    this.turns = [];
    this.transcript = [];
    this.grounding = undefined;
    this.topic = undefined;
    this.emitter.fire({ type: 'snapshot', snapshot: this.snapshot() });
    await this.models.endConversation(previous);
  }

  private push(turn: Omit<ChatTurn, 'id'>): ChatTurn {
    const full = { ...turn, id: this.nextTurnId++ };
    this.turns.push(full);
    this.emitter.fire({ type: 'turn', turn: { ...full } });
    return full;
  }

  /** A turn of a conversation that New chat (or a new explanation) has since replaced is not shown again. */
  private update(turn: ChatTurn): void {
    if (this.turns.includes(turn)) this.emitter.fire({ type: 'turn', turn: { ...turn } });
  }

  private async answer(shownQuestion: string, prompt: PromptParts, kind: FirstTokenTiming['kind']): Promise<void> {
    const controller = new AbortController();
    this.running = controller;
    this.emitter.fire({ type: 'busy', busy: true });
    this.push({ role: 'user', text: shownQuestion, state: 'done' });
    const reply = this.push({ role: 'assistant', text: '', state: 'streaming' });
    const conversationId = this.conversationId;
    const history = trimTranscript(this.transcript);
    // Kept as asked, so a stopped or failed answer still leaves the question in the conversation.
    const remember = (answerText: string) => {
      if (conversationId !== this.conversationId) return;
      this.grounding ??= { task: prompt.task, systemPrompt: prompt.systemPrompt };
      this.transcript.push({ role: 'user', text: prompt.prompt }, { role: 'assistant', text: answerText });
    };
    try {
      const answer = await this.models.ask({
        prompt,
        history,
        conversationId,
        signal: controller.signal,
        onRestart: () => {
          reply.text = '';
          this.update(reply);
        },
        onText: (text) => {
          reply.text += text;
          if (this.turns.includes(reply)) this.emitter.fire({ type: 'append', turnId: reply.id, text });
        },
      });
      remember(answer.text);
      reply.state = 'done';
      const where = answer.provider.host ? ` at ${answer.provider.host}` : '';
      const fallback = answer.fellBack ? `, because ${answer.fellBack.from.label} could not answer` : '';
      reply.note = `${answer.modelId}${where}${fallback}${answer.truncated ? ', cut off at the token limit' : ''}`;
      const timing: FirstTokenTiming = {
        kind,
        firstTextMs: Math.round(answer.firstTextMs),
        modelFirstTokenMs: answer.timeToFirstTokenMs,
        promptTokensEvaluated: answer.promptTokensEvaluated,
        contextTokens: answer.contextTokens,
        modelId: answer.modelId,
      };
      this.timings.push(timing);
      this.log.info(
        `Chat ${kind}: first token after ${timing.firstTextMs} ms (model prompt evaluation ${timing.modelFirstTokenMs} ms, ${timing.promptTokensEvaluated} prompt tokens evaluated), ${answer.outputTokens} tokens in ${answer.generationMs} ms (${answer.modelId}).`,
      );
    } catch (error) {
      if (isAbortError(error)) {
        // What it said before Stop stays in the conversation, so a follow-up continues from there.
        remember(reply.text);
        reply.state = 'stopped';
        reply.note = 'stopped';
      } else if (isNoModelError(error)) {
        // The answer is the way forward: the same choices as the notification, as buttons here.
        const help = await this.modelCommands.noModelHelp();
        reply.state = 'error';
        reply.note = 'no model';
        reply.text = help.message;
        reply.actions = help.actions;
        void this.modelCommands.reportFailure(error, 'The chat');
      } else {
        reply.state = 'error';
        reply.note = 'no answer';
        reply.text = reply.text || `The model could not answer: ${errorMessage(error).split('\n')[0]}`;
        void this.modelCommands.reportFailure(error, 'The chat');
      }
    } finally {
      if (this.running === controller) this.running = undefined;
      this.update(reply);
      this.emitter.fire({ type: 'busy', busy: this.busy });
    }
  }

  dispose(): void {
    this.stop();
    this.emitter.dispose();
  }
}
