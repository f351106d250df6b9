// Builds the model-backed parts of the editor (model service, status bar, chat, VS Code's own chat,
// fix, review, docstring, model commands) and their command table. Nothing here loads a model: the
// runtime starts on the first request.
import * as vscode from 'vscode';
import { ChatSession } from '../chat/chatSession';
import { ChatViewProvider, chatViewId } from '../chat/chatView';
import { registerVscodeChat } from '../chat/vscodeChat';
import { fixWithModelCommand } from '../codeActions';
import { settingsSection } from '../config';
import type { ExplainFindingCommand, ExplainRequest } from '../explain';
import type { FindingsStore } from '../findingsStore';
import { DocstringWriter } from './docstring';
import { fixTargetForFinding, ModelFixer, type FixTarget } from './modelFix';
import { ModelCommands, useModelFileCommand } from './modelCommands';
import { ModelReviewer } from './modelReview';
import { ModelService } from './modelService';
import { ModelStatusBar } from './modelStatus';
import { ServerApiKey } from './serverApiKey';
import { FindingTriage } from '../triage/findingTriage';
import { TriageVerdicts } from '../triage/triageVerdicts';
import { Notices } from './notices';
import { acceptProposalCommand, ProposalPreviews, rejectProposalCommand } from './proposals';
import { ChatResponses, OpenNotices, ShownMessages, ShownPicks, type AnswerOverride, type ChatResponseSeen, type ShownPick } from './testHooks';
import type { ModelStatusText } from './modelState';
import type { AnalysisClient } from '../worker/analysisClient';

export interface ModelFeaturesInput {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  store: FindingsStore;
  analysis: AnalysisClient | undefined;
  explain: ExplainFindingCommand;
}

export interface ModelFeatures {
  commands: Record<string, (...args: unknown[]) => unknown>;
  disposables: vscode.Disposable[];
  /** Only in extension mode Test: what the integration tests read and the answers they force. */
  testApi?: ModelTestApi;
}

export interface ModelTestApi {
  chat: ChatSession;
  chatView: ChatViewProvider;
  models: ModelService;
  messages: string[];
  /** The buttons of each of those messages, at the same index. */
  messageButtons: string[][];
  /** Quick picks shown by the model commands (Choose Model, Download Model), newest last. */
  picks: ShownPick[];
  /** What the model status bar item says now. */
  modelStatus(): ModelStatusText;
  proposals: ProposalPreviews;
  /** Notices still on screen, such as a proposal's Accept/Reject notice. */
  openNotices(): string[];
  setAnswerOverride(override: AnswerOverride | undefined): void;
  vscodeChat: {
    /** What @llama-review was asked in VS Code's chat and what it streamed, newest last. */
    responses: ChatResponseSeen[];
    /** Runs the registration against `host` instead of the `vscode` module, and disposes what it registered. */
    registerWith(host: object): { registered: number; notice?: string };
  };
}

function isExplainRequest(value: unknown): value is ExplainRequest {
  const candidate = value as Partial<ExplainRequest> | undefined;
  return !!candidate && candidate.uri instanceof vscode.Uri && typeof candidate.finding?.ruleId === 'string';
}

export function createModelFeatures({ context, log, store, analysis, explain }: ModelFeaturesInput): ModelFeatures {
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const shown = testMode ? new ShownMessages() : undefined;
  const openNotices = testMode ? new OpenNotices() : undefined;
  const shownPicks = testMode ? new ShownPicks() : undefined;
  const chatResponses = testMode ? new ChatResponses() : undefined;
  const notices = new Notices(shown, openNotices);
  const apiKey = new ServerApiKey(context.secrets);
  const models = new ModelService(context, log, apiKey);
  const modelCommands = new ModelCommands(models, notices, log, shownPicks);
  const previews = new ProposalPreviews(notices);
  const chat = new ChatSession(models, modelCommands, log);
  const chatView = new ChatViewProvider(context.extensionUri, chat, (action) => modelCommands.runAction(action));
  const statusBar = new ModelStatusBar(models, 'llamaReview.chooseModel');
  const fixer = new ModelFixer(models, modelCommands, previews, analysis);
  const reviewer = new ModelReviewer(models, modelCommands, store, notices, log);
  const docstrings = new DocstringWriter(models, modelCommands, previews, notices);
  const verdicts = new TriageVerdicts();
  const triage = new FindingTriage(context, models, modelCommands, store, verdicts, notices, log);
  store.annotateWith(verdicts);
  const chatParts = { models, modelCommands, explain, reviewer, log };
  const chatIcon = vscode.Uri.joinPath(context.extensionUri, 'media', 'chat', 'llama-review.svg');
  const vscodeChat = registerVscodeChat(vscode, chatParts, chatIcon, chatResponses && ((handler) => chatResponses.recording(handler)));

  const disposables: vscode.Disposable[] = [
    models,
    apiKey,
    apiKey.onDidChange(() => void models.restart()),
    previews,
    chat,
    chatView,
    reviewer,
    statusBar,
    verdicts,
    triage,
    verdicts.onDidChange(() => store.refreshShown()),
    vscode.window.registerWebviewViewProvider(chatViewId, chatView),
    ...vscodeChat.disposables,
    explain.setExplainer(async ({ uri, finding }) => {
      const document = await vscode.workspace.openTextDocument(uri);
      await chatView.reveal();
      // Not awaited: the answer streams into the chat, which has its own Stop.
      void chat.explain(document, finding);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${settingsSection}.model`) || event.affectsConfiguration(`${settingsSection}.server`)) void models.restart();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void models.restart()),
  ];
  // File checks only (no model code), after activation has finished; the key is read before the first request can need it.
  setTimeout(() => void models.refreshIdleState(), 0);
  void apiKey.load().then(() => {
    if (apiKey.current) void models.restart();
  });

  const fixTarget = async (argument: unknown): Promise<FixTarget | undefined> => {
    if (isExplainRequest(argument)) return fixTargetForFinding(await vscode.workspace.openTextDocument(argument.uri), argument.finding);
    const editor = vscode.window.activeTextEditor;
    if (editor && !editor.selection.isEmpty) {
      const { start, end } = editor.selection;
      return { document: editor.document, span: { startLine: start.line, endLine: end.character === 0 && end.line > start.line ? end.line - 1 : end.line }, unit: 'selection' };
    }
    const atCursor = explain.findingAtCursor();
    return atCursor && fixTargetForFinding(editor!.document, atCursor.finding);
  };

  const commands: Record<string, (...args: unknown[]) => unknown> = {
    [fixWithModelCommand]: async (argument) => fixer.run(await fixTarget(argument)),
    'llamaReview.reviewSelection': () => reviewer.reviewSelection(),
    'llamaReview.reviewFunction': () => reviewer.reviewFunction(),
    'llamaReview.reviewFile': () => reviewer.reviewFile(),
    'llamaReview.clearModelDiagnostics': () => reviewer.clear(),
    'llamaReview.generateDocstring': () => docstrings.run(),
    [acceptProposalCommand]: (uri) => previews.accept(uri instanceof vscode.Uri ? uri : undefined),
    [rejectProposalCommand]: (uri) => previews.reject(uri instanceof vscode.Uri ? uri : undefined),
    'llamaReview.chooseModel': () => modelCommands.choose(),
    // Not in the palette: the no-model buttons and the Choose Model list lead here.
    [useModelFileCommand]: () => modelCommands.useModelFile(),
    // An id argument (from a link or a test) downloads that model without asking which.
    'llamaReview.downloadModel': (id) => modelCommands.download(typeof id === 'string' ? id : undefined),
    'llamaReview.removeModel': () => modelCommands.remove(),
    'llamaReview.chat.newChat': () => chat.newChat(),
    'llamaReview.chat.stop': () => chat.stop(),
    'llamaReview.setServerApiKey': () => apiKey.prompt(),
    'llamaReview.triageFile': () => triage.triageFile(),
    'llamaReview.triageWorkspace': () => triage.triageWorkspace(),
    'llamaReview.showHiddenFindings': () => triage.showHidden(),
  };

  const testApi: ModelTestApi | undefined = testMode
    ? {
        chat,
        chatView,
        models,
        messages: shown!.messages,
        messageButtons: shown!.buttons,
        picks: shownPicks!.picks,
        modelStatus: () => statusBar.status,
        proposals: previews,
        openNotices: () => openNotices!.list(),
        setAnswerOverride: (override) => (models.answerOverride = override),
        vscodeChat: {
          responses: chatResponses!.responses,
          registerWith: (host) => {
            const { disposables, notice } = registerVscodeChat(host, chatParts, chatIcon);
            for (const disposable of disposables) disposable.dispose();
            return { registered: disposables.length, notice };
          },
        },
      }
    : undefined;
  return { commands, disposables, testApi };
}
