// Reviews one file's text: analysis on the worker thread with the user's settings, findings into
// the store, and one log line with the timings (parse, check, flow, and the wait for the worker)
// so a slow file is visible instead of guessed at.
import * as vscode from 'vscode';
import { readEditorSettings, type EditorSettings } from './config';
import { analysisLanguageOf, analysisLanguageOfFile } from './documentLanguage';
import type { FindingsStore } from './findingsStore';
import type { ProjectConfigs } from './projectConfigs';
import { AnalysisClient, type AnalysisOutcome } from './worker/analysisClient';

export type ReviewTrigger = 'open' | 'edit' | 'save' | 'settings' | 'workspace' | 'close' | 'dependency';

export interface TextToReview {
  uri: vscode.Uri;
  text: string;
  /** The analysis language (`python`, `template`), not VS Code's language id. */
  language: string;
  /** Document version; undefined for text read from disk. */
  version: number | undefined;
  trigger: ReviewTrigger;
  /** performance.now() when the triggering event happened, for the latency in the log. */
  requestedAt: number;
}

/** Triggers a user causes; the log reports how long after them the diagnostics appeared. */
const userEvents = new Set<ReviewTrigger>(['open', 'edit', 'save']);

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

/** The path analysis gets for a document: only files on disk have one (not untitled or virtual documents). */
export function filePathOf(uri: vscode.Uri): string | undefined {
  return uri.scheme === 'file' ? uri.fsPath : undefined;
}

export class FileReviewer {
  constructor(
    private readonly client: AnalysisClient,
    private readonly store: FindingsStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly configs: ProjectConfigs,
  ) {}

  /** The analysis language of a document the analyzer reviews; undefined for the others. */
  languageOf(document: vscode.TextDocument): string | undefined {
    const language = analysisLanguageOf(document);
    return language && this.client.supports(language) ? language : undefined;
  }

  /** Reviews an open document; resolves once its diagnostics are published (or the review was replaced). */
  reviewDocument(document: vscode.TextDocument, trigger: ReviewTrigger, requestedAt = performance.now()): Promise<void> {
    const language = this.languageOf(document);
    if (!language) return Promise.resolve();
    return this.review(
      { uri: document.uri, text: document.getText(), language, version: document.version, trigger, requestedAt },
      readEditorSettings(document),
      document.uri.toString(),
      () => !document.isClosed,
      () => document.version,
    );
  }

  reviewFromDisk(uri: vscode.Uri, text: string, trigger: ReviewTrigger): Promise<void> {
    // No parse-cache key: a workspace review would otherwise keep a tree for every file.
    // A file no language reviews (a template folder setting changed since) keeps no findings.
    const language = analysisLanguageOfFile(uri);
    if (!language) {
      this.store.delete(uri);
      return Promise.resolve();
    }
    return this.review({ uri, text, language, version: undefined, trigger, requestedAt: performance.now() }, readEditorSettings(uri));
  }

  /** The document's parse tree is no longer needed (closed). */
  forget(uri: vscode.Uri): void {
    this.client.forget(uri.toString());
  }

  /** Files were created, deleted or renamed: imported helpers must be read again. */
  forgetProjectFiles(): void {
    this.client.forgetProjectFiles();
  }

  private async review(input: TextToReview, settings: EditorSettings, cacheKey?: string, isOpen?: () => boolean, currentVersion?: () => number): Promise<void> {
    if (!settings.enabled) {
      this.store.delete(input.uri);
      return;
    }
    const { options, excluded } = await this.configs.optionsFor(input.uri, settings.analysis);
    if (excluded) {
      this.store.delete(input.uri);
      return;
    }
    const outcome = await this.client.analyze(input.text, input.language, { ...options, cacheKey, filePath: filePathOf(input.uri) });
    // Replaced by a newer review of the same document, or the document moved on meanwhile.
    if (!outcome) return;
    if (isOpen && !isOpen()) return;
    if (input.version !== undefined && currentVersion && currentVersion() !== input.version) return;
    const { result } = outcome;
    this.store.publish({
      uri: input.uri,
      version: input.version,
      findings: result.findings,
      skipped: result.skipped,
      timings: result.timings,
      lineCount: result.lineCount,
    });
    this.logReview(input, outcome, settings, performance.now() - input.requestedAt);
  }

  private logReview(input: TextToReview, outcome: AnalysisOutcome, settings: EditorSettings, latencyMs: number): void {
    const { result } = outcome;
    const name = vscode.workspace.asRelativePath(input.uri);
    const version = input.version === undefined ? 'disk' : `v${input.version}`;
    const { parseMs, checkMs, flowMs } = result.timings;
    const analysisMs = parseMs + checkMs + flowMs;
    if (result.skipped) {
      const spent = result.skipped.reason === 'timeout' ? ` (parse ${ms(parseMs)}, check ${ms(checkMs)})` : '';
      this.log.warn(`${name} (${input.trigger}, ${version}): ${result.skipped.message}${spent}`);
      return;
    }
    const findings = `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}`;
    const afterEvent = userEvents.has(input.trigger) ? `, shown ${ms(latencyMs)} after the ${input.trigger}` : '';
    const flow = result.flow ? `, flow ${ms(flowMs)} over ${result.flow.functions} function${result.flow.functions === 1 ? '' : 's'}` : '';
    const waited = outcome.queuedMs >= 1 ? `, waited ${ms(outcome.queuedMs)} for the worker` : '';
    const line =
      `${name} (${input.trigger}, ${version}): ${result.lineCount} lines, ${findings}, ` +
      `analysis ${ms(analysisMs)} (parse ${ms(parseMs)}, check ${ms(checkMs)}${flow})${waited}${afterEvent}`;
    if (analysisMs > settings.slowFileMs) {
      this.log.warn(`${line}; slow: over half of the ${settings.analysis.timeBudgetMs} ms budget (llamaReview.timeBudgetMs)`);
    } else if (input.trigger === 'settings' || input.trigger === 'close' || input.trigger === 'dependency') {
      // A settings change or a save re-reviews every open file; that is noise at the default log level.
      this.log.debug(line);
    } else {
      this.log.info(line);
    }
    if (result.flow?.skipped) this.log.warn(`${name}: ${result.flow.skipped}; only the pattern rules' findings are shown`);
    for (const failure of result.ruleErrors) this.log.error(`${name}: rule ${failure.ruleId} failed: ${failure.message}`);
  }
}

/** Starts the analysis worker. A failure is shown to the user on purpose: VS Code does not surface it. */
export async function startAnalysis(log: vscode.LogOutputChannel): Promise<AnalysisClient | undefined> {
  const started = performance.now();
  try {
    const client = await AnalysisClient.start((level, message) => log[level](message));
    log.info(`Analyzer ready on its worker thread in ${ms(performance.now() - started)}.`);
    return client;
  } catch (error) {
    log.error(`The analyzer could not start: ${(error as Error).stack ?? error}`);
    void showAnalyzerUnavailable(log);
    return undefined;
  }
}

/** What every analysis command does when the analyzer did not start. */
export async function showAnalyzerUnavailable(log: vscode.LogOutputChannel): Promise<void> {
  const choice = await vscode.window.showErrorMessage(
    'Llama Review could not load its Python grammar, so files are not reviewed. The log has the details.',
    'Show Log',
  );
  if (choice) log.show();
}

