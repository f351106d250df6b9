// @llama-review in VS Code's own chat: /explain and /fix for the finding at the cursor, /review for
// the selection, and questions about the selection or the active file. Each does what the
// matching command does (the same prompts, the same previewed fix, the same model diagnostics)
// and answers through ModelService.ask, so they go wherever the model settings send requests.
import * as vscode from 'vscode';
import { errorMessage, isAbortError, isNoModelError } from '../../model/errors';
import { plainQuestionPrompt, selectionQuestionPrompt, type LineSpan, type PromptParts, type SelectionContext } from '../../model/prompts';
import type { TranscriptTurn } from '../../model/provider';
import { trimTranscript } from '../../model/transcript';
import { fixWithModelCommand } from '../codeActions';
import type { ExplainFindingCommand, ExplainRequest } from '../explain';
import { analysisLanguageOf } from '../documentLanguage';
import { functionAt, promptSpan } from '../models/codeSpan';
import { noModelCommands, type ModelCommands } from '../models/modelCommands';
import type { ModelReviewer } from '../models/modelReview';
import type { ModelService } from '../models/modelService';
import { findingExplanation } from './findingExplanation';

/** The id package.json declares under `contributes.chatParticipants`. */
export const chatParticipantId = 'llama-review.chat';
/** A file up to this many lines is sent whole with a question; a longer one, the code around the cursor. */
const wholeFileLines = 150;

export interface ParticipantParts {
  models: ModelService;
  modelCommands: ModelCommands;
  explain: ExplainFindingCommand;
  reviewer: ModelReviewer;
  log: vscode.LogOutputChannel;
}

type Command = 'explain' | 'fix' | 'review' | 'question';

/** What a response leaves for its follow-ups. */
interface ParticipantMetadata {
  command: Command;
  /** What the model was really asked (the grounding with the code), which the chat's history does not keep. */
  asked?: string;
}

/** The lines a selection covers; one that ends at the start of a line leaves that line out. */
function selectedLines(selection: vscode.Selection): LineSpan {
  const { start, end } = selection;
  return { startLine: start.line, endLine: end.character === 0 && end.line > start.line ? end.line - 1 : end.line };
}

function linesLabel(span: LineSpan): string {
  return span.startLine === span.endLine ? `line ${span.startLine + 1}` : `lines ${span.startLine + 1}-${span.endLine + 1}`;
}

function spanLocation(uri: vscode.Uri, span: LineSpan): vscode.Location {
  return new vscode.Location(uri, new vscode.Range(span.startLine, 0, span.endLine + 1, 0));
}

/** The text a response turn showed: its Markdown parts (references, buttons and the like carry none). */
function responseText(turn: vscode.ChatResponseTurn): string {
  return turn.response.map((part) => (part as { value?: { value?: unknown } }).value?.value).filter((value): value is string => typeof value === 'string').join('');
}

/**
 * The chat's earlier turns with this participant, oldest first, as the model's history (trimmed
 * like the sidebar's). A question is replaced by what the model was asked for it, so `/explain`
 * followed by "why?" still sends the code.
 */
export function transcriptOf(context: vscode.ChatContext): TranscriptTurn[] {
  const turns: TranscriptTurn[] = [];
  for (const turn of context.history) {
    if ('prompt' in turn) {
      turns.push({ role: 'user', text: turn.command ? `/${turn.command} ${turn.prompt}`.trim() : turn.prompt });
      continue;
    }
    const asked = (turn.result.metadata as Partial<ParticipantMetadata> | undefined)?.asked;
    if (asked && turns.at(-1)?.role === 'user') turns[turns.length - 1] = { role: 'user', text: asked };
    const text = responseText(turn);
    if (text) turns.push({ role: 'assistant', text });
  }
  return trimTranscript(turns);
}

export class ChatParticipantHandler {
  constructor(private readonly parts: ParticipantParts) {}

  readonly handle: vscode.ChatRequestHandler = async (request, context, stream, token) => {
    switch (request.command) {
      case 'explain':
        return this.explain(stream, token);
      case 'fix':
        return this.fix(stream);
      case 'review':
        return this.review(stream);
      default:
        return this.question(request.prompt, transcriptOf(context), stream, token);
    }
  };

  readonly followups: vscode.ChatFollowupProvider = {
    provideFollowups: (result) => {
      const { command } = (result.metadata ?? {}) as Partial<ParticipantMetadata>;
      if (command !== 'explain') return [];
      return [
        { prompt: 'Propose a fix', command: 'fix', label: 'Propose a fix for this finding' },
        { prompt: 'Is this a false positive here?', label: 'Is this a false positive here?' },
      ];
    },
  };

  /** The finding under the cursor, or a reply saying what to do instead. */
  private findingAtCursor(stream: vscode.ChatResponseStream, ask: string): ExplainRequest | undefined {
    if (!vscode.window.activeTextEditor) {
      stream.markdown(`Open a file Llama Review reviews and put the cursor on one of its findings, then ask \`@llama-review /${ask}\` again.`);
      return undefined;
    }
    const atCursor = this.parts.explain.findingAtCursor();
    if (!atCursor) stream.markdown(`There is no Llama Review finding at the cursor. Put the cursor on a squiggle of Llama Review, then ask \`@llama-review /${ask}\` again.`);
    return atCursor;
  }

  private async explain(stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    const atCursor = this.findingAtCursor(stream, 'explain');
    if (!atCursor) return { metadata: { command: 'explain' } };
    const { uri, finding } = atCursor;
    const explanation = await findingExplanation(await vscode.workspace.openTextDocument(uri), finding);
    stream.reference(spanLocation(uri, explanation.span));
    // The rules write their messages in Markdown (`eval()`), as the sidebar chat shows them.
    stream.markdown(`**${finding.ruleId}** at line ${finding.range.start.line + 1}: ${finding.message}\n\n${explanation.code}\n\n`);
    return this.answer('explain', explanation.prompt, [], stream, token);
  }

  /** Starts the fix command's flow (its own progress, the proposal as a diff) and says so. */
  private async fix(stream: vscode.ChatResponseStream): Promise<vscode.ChatResult> {
    const atCursor = this.findingAtCursor(stream, 'fix');
    if (atCursor) {
      const { finding } = atCursor;
      stream.markdown(
        `Asking the model for a fix of **${finding.ruleId}** at line ${finding.range.start.line + 1}. Its proposal is parsed and analysed again, then opens as a diff: accept or reject it there. Nothing changes in the file until you accept.`,
      );
      void vscode.commands.executeCommand(fixWithModelCommand, atCursor);
    }
    return { metadata: { command: 'fix' } };
  }

  /** The selection (or the function at the cursor) reviewed by the model, as Problems. */
  private async review(stream: vscode.ChatResponseStream): Promise<vscode.ChatResult> {
    const editor = vscode.window.activeTextEditor;
    const span = editor && (editor.selection.isEmpty ? (await functionAt(analysisLanguageOf(editor.document), editor.document.getText(), editor.selection.active.line, editor.selection.active.character).catch(() => undefined))?.span : selectedLines(editor.selection));
    if (!editor || !span) {
      stream.markdown('Select the code to review (or put the cursor inside a Python function), then ask `@llama-review /review` again.');
      return { metadata: { command: 'review' } };
    }
    stream.reference(spanLocation(editor.document.uri, span));
    stream.progress(`Reviewing ${linesLabel(span)} with the model…`);
    const found = await this.parts.reviewer.review(editor.document, [span]);
    if (!found) {
      stream.markdown('The review did not finish; the notification says why.');
    } else if (found.length === 0) {
      stream.markdown(`The model found no problems in ${linesLabel(span)} beyond those Llama Review already reports.`);
    } else {
      const list = new vscode.MarkdownString(`The model found ${found.length} problem${found.length === 1 ? '' : 's'}, now in the Problems panel (source "Llama Review (model)"):\n\n`);
      // Each is one line of the model's JSON answer, shown as text as the Problems panel shows it.
      for (const item of found) list.appendMarkdown(`- line ${item.range.start.line + 1}: `).appendText(item.message).appendMarkdown('\n');
      stream.markdown(list);
    }
    return { metadata: { command: 'review' } };
  }

  /** A question about the selection, else the active file (or the code around the cursor in a long one). */
  private async question(question: string, history: TranscriptTurn[], stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    if (!question.trim()) {
      stream.markdown('Ask a question about the selected code or the active file, or use `/explain`, `/fix` or `/review`.');
      return { metadata: { command: 'question' } };
    }
    const editor = vscode.window.activeTextEditor;
    const about = editor && (await this.codeInQuestion(editor));
    if (editor && about) stream.reference(spanLocation(editor.document.uri, about.span));
    return this.answer('question', about ? selectionQuestionPrompt(question, about) : plainQuestionPrompt(question), history, stream, token);
  }

  private async codeInQuestion(editor: vscode.TextEditor): Promise<SelectionContext> {
    const { document, selection } = editor;
    const text = document.getText();
    let span: LineSpan;
    if (!selection.isEmpty) span = selectedLines(selection);
    else if (document.lineCount <= wholeFileLines) span = { startLine: 0, endLine: document.lineCount - 1 };
    else span = await promptSpan(analysisLanguageOf(document), text, selection.active.line, selection.active.character);
    return { fileName: vscode.workspace.asRelativePath(document.uri), text, span };
  }

  /** Streams the model's answer into the response; without a model, the way forward as buttons. */
  private async answer(command: Command, prompt: PromptParts, history: TranscriptTurn[], stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    const metadata: ParticipantMetadata = { command, asked: prompt.prompt };
    const controller = new AbortController();
    const cancelling = token.onCancellationRequested(() => controller.abort());
    try {
      await this.parts.models.ask({
        prompt,
        history,
        signal: controller.signal,
        onText: (text) => stream.markdown(text),
        // A chat response cannot take back what it showed: say where the server's part ends.
        onRestart: () => stream.markdown('\n\n---\n\n*The server stopped answering; the local model answers instead:*\n\n'),
      });
      return { metadata };
    } catch (error) {
      if (isAbortError(error)) return { metadata };
      if (isNoModelError(error)) {
        const help = await this.parts.modelCommands.noModelHelp();
        stream.markdown(help.message);
        for (const button of noModelCommands(help)) stream.button(button);
        return { metadata };
      }
      this.parts.log.error(`VS Code chat (${command}): ${errorMessage(error)}`);
      return { metadata, errorDetails: { message: `The model could not answer: ${errorMessage(error).split('\n')[0]}` } };
    } finally {
      cancelling.dispose();
    }
  }
}

export function registerChatParticipant(
  create: (id: string, handler: vscode.ChatRequestHandler) => vscode.ChatParticipant,
  handler: vscode.ChatRequestHandler,
  followups: vscode.ChatFollowupProvider,
  iconPath: vscode.Uri,
): vscode.Disposable {
  const participant = create(chatParticipantId, handler);
  participant.iconPath = iconPath;
  participant.followupProvider = followups;
  return participant;
}
