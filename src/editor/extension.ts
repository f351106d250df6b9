// Entry point of the VS Code extension: builds the parts and connects them, nothing more.
import * as vscode from 'vscode';
import { FindingCodeActions, explainCommand, showDocumentationCommand } from './codeActions';
import { onSettingsChanged } from './config';
import { disableRuleCommand, disableRuleInSettings } from './disableRule';
import { LiveReviewer } from './diagnostics';
import { reviewedDocuments } from './documentLanguage';
import { ExplainFindingCommand } from './explain';
import { FileReviewer, showAnalyzerUnavailable, startAnalysis } from './fileReviewer';
import { FindingsStore } from './findingsStore';
import { FixAllSourceAction } from './fixAllSource';
import { ProjectConfigs } from './projectConfigs';
import { createModelFeatures, type ModelTestApi } from './models/modelFeatures';
import { registerRuleDocumentation, showRuleDocumentation } from './ruleDocs';
import { RuleDocsPlacement } from './ruleDocsPlacement';
import { reviewWorkspace } from './reviewWorkspace';
import { rulePicker, type RulePicker } from './rulePicker';
import { ShownFindings } from './shownFindings';
import { FindingsStatusBar } from './statusBar';
import { writeBaseline } from './writeBaseline';

/** What activate() returns: nothing for users; in extension mode Test, hooks for the integration tests. */
export interface LlamaReviewExports {
  testing?: ModelTestApi;
  /** In extension mode Test: what the findings status bar item says. */
  findingsStatusText?: () => string;
  /** In extension mode Test: what a screen reader says for the findings status bar item. */
  findingsStatusLabel?: () => string;
  /** In extension mode Test: the items and options "Show Rule Documentation" would pick from. */
  rulePicker?: () => RulePicker;
}

export async function activate(context: vscode.ExtensionContext): Promise<LlamaReviewExports> {
  // 1. Output channel first: every later step may need to report. Settings are read where they
  //    are used (config.ts), so a change applies to the next review.
  const log = vscode.window.createOutputChannel('Llama Review', { log: true });
  context.subscriptions.push(log);

  // 2. The analyzer, on its own worker thread (wasm grammars). If it cannot start, the user is
  //    told and commands say why.
  const analysis = await startAnalysis(log);
  if (analysis) context.subscriptions.push({ dispose: () => analysis.dispose() });

  // 3. Parts: findings with their diagnostics (and which of them are shown), live review, status
  //    bar, code actions (per finding, and fix all on save), rule docs.
  const store = new FindingsStore(vscode.languages.createDiagnosticCollection('llama-review'));
  const shown = new ShownFindings(store, log);
  const configs = new ProjectConfigs(log);
  const reviewer = analysis && new FileReviewer(analysis, store, log, configs);
  const live = reviewer && new LiveReviewer(reviewer, store);
  const explain = new ExplainFindingCommand(store);
  context.subscriptions.push(
    store,
    shown,
    configs,
    registerRuleDocumentation(context.extensionUri),
    new RuleDocsPlacement(),
    vscode.languages.registerCodeActionsProvider(reviewedDocuments(), new FindingCodeActions(store), FindingCodeActions.metadata),
    vscode.languages.registerCodeActionsProvider(reviewedDocuments(), new FixAllSourceAction(store), FixAllSourceAction.metadata),
  );
  const statusBar = live && new FindingsStatusBar(store, (document) => live.isReviewable(document), shown);
  if (live && statusBar) {
    context.subscriptions.push(
      live,
      statusBar,
      onSettingsChanged(() => live.reviewOpenDocuments('settings')),
      configs.onDidChange(() => live.reviewOpenDocuments('settings')),
    );
  }

  // 4. Model-backed parts: chat (ours, and VS Code's own where it has the APIs), fix, review, docstring,
  //    model status and commands. Nothing loads here.
  const model = createModelFeatures({ context, log, store, analysis, explain });
  context.subscriptions.push(...model.disposables);

  // 5. Commands, each with a defined behaviour when the analyzer or the model is unavailable.
  const commands: Record<string, (...args: unknown[]) => unknown> = {
    'llamaReview.reviewWorkspace': () => (reviewer && live ? reviewWorkspace({ reviewer, live, store, log }) : showAnalyzerUnavailable(log)),
    'llamaReview.writeBaseline': () => (reviewer && live ? writeBaseline({ reviewer, live, store, log }, context.extension.packageJSON.version) : showAnalyzerUnavailable(log)),
    // Rule documentation and explanations come from rule metadata, not from the analyzer.
    [showDocumentationCommand]: showRuleDocumentation,
    [explainCommand]: (request) => explain.run(request),
    [disableRuleCommand]: disableRuleInSettings,
    'llamaReview.showLog': () => log.show(),
    ...model.commands,
  };
  for (const [id, run] of Object.entries(commands)) context.subscriptions.push(vscode.commands.registerCommand(id, run));

  live?.reviewOpenDocuments('open');
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  return {
    testing: model.testApi,
    findingsStatusText: testMode ? () => statusBar?.text ?? '' : undefined,
    findingsStatusLabel: testMode ? () => statusBar?.accessibilityLabel ?? '' : undefined,
    rulePicker: testMode ? rulePicker : undefined,
  };
}

export function deactivate(): void {}
