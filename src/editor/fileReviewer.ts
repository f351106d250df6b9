// Reviews one file's text: analysis with the user's settings, findings into the store, and one log
// line with the timings (parse and check) so a slow file is visible instead of guessed at.
import * as vscode from 'vscode';
import { Analyzer, type AnalysisResult } from '../analysis/engine';
import { readEditorSettings, type EditorSettings } from './config';
import type { FindingsStore } from './findingsStore';

export type ReviewTrigger = 'open' | 'edit' | 'save' | 'settings' | 'workspace' | 'close';

export interface TextToReview {
  uri: vscode.Uri;
  text: string;
  languageId: string;
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

export class FileReviewer {
  constructor(
    private readonly analyzer: Analyzer,
    private readonly store: FindingsStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  supports(languageId: string): boolean {
    return this.analyzer.supports(languageId);
  }

  reviewDocument(document: vscode.TextDocument, trigger: ReviewTrigger, requestedAt = performance.now()): void {
    this.review(
      { uri: document.uri, text: document.getText(), languageId: document.languageId, version: document.version, trigger, requestedAt },
      readEditorSettings(document),
      document.uri.toString(),
    );
  }

  reviewFromDisk(uri: vscode.Uri, text: string, trigger: ReviewTrigger): void {
    // No parse-cache key: a workspace review would otherwise keep a tree for every file.
    this.review({ uri, text, languageId: 'python', version: undefined, trigger, requestedAt: performance.now() }, readEditorSettings(uri));
  }

  /** The document's parse tree is no longer needed (closed). */
  forget(uri: vscode.Uri): void {
    this.analyzer.forget(uri.toString());
  }

  private review(input: TextToReview, settings: EditorSettings, cacheKey?: string): void {
    if (!settings.enabled) {
      this.store.delete(input.uri);
      return;
    }
    let result: AnalysisResult;
    try {
      result = this.analyzer.analyze(input.text, input.languageId, { ...settings.analysis, cacheKey, filePath: filePathOf(input.uri) });
    } catch (error) {
      this.log.error(`${vscode.workspace.asRelativePath(input.uri)}: analysis failed: ${(error as Error).stack ?? error}`);
      this.store.delete(input.uri);
      return;
    }
    this.store.publish({
      uri: input.uri,
      version: input.version,
      findings: result.findings,
      skipped: result.skipped,
      timings: result.timings,
      lineCount: result.lineCount,
    });
    this.logReview(input, result, settings, performance.now() - input.requestedAt);
  }

  private logReview(input: TextToReview, result: AnalysisResult, settings: EditorSettings, latencyMs: number): void {
    const name = vscode.workspace.asRelativePath(input.uri);
    const version = input.version === undefined ? 'disk' : `v${input.version}`;
    const { parseMs, checkMs } = result.timings;
    const analysisMs = parseMs + checkMs;
    if (result.skipped) {
      const spent = result.skipped.reason === 'timeout' ? ` (parse ${ms(parseMs)}, check ${ms(checkMs)})` : '';
      this.log.warn(`${name} (${input.trigger}, ${version}): ${result.skipped.message}${spent}`);
      return;
    }
    const findings = `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}`;
    const afterEvent = userEvents.has(input.trigger) ? `, shown ${ms(latencyMs)} after the ${input.trigger}` : '';
    const line =
      `${name} (${input.trigger}, ${version}): ${result.lineCount} lines, ${findings}, ` +
      `analysis ${ms(analysisMs)} (parse ${ms(parseMs)}, check ${ms(checkMs)})${afterEvent}`;
    if (analysisMs > settings.slowFileMs) {
      this.log.warn(`${line}; slow: over half of the ${settings.analysis.timeBudgetMs} ms budget (llamaReview.timeBudgetMs)`);
    } else if (input.trigger === 'settings' || input.trigger === 'close') {
      // A settings change re-reviews every open file; that is noise at the default log level.
      this.log.debug(line);
    } else {
      this.log.info(line);
    }
    for (const failure of result.ruleErrors) this.log.error(`${name}: rule ${failure.ruleId} failed: ${failure.message}`);
  }
}

/** The path analysis gets for a document: only files on disk have one (not untitled or virtual documents). */
export function filePathOf(uri: vscode.Uri): string | undefined {
  return uri.scheme === 'file' ? uri.fsPath : undefined;
}

/** Loads the grammars. A failure is shown to the user on purpose: VS Code does not surface it. */
export async function startAnalyzer(log: vscode.LogOutputChannel): Promise<Analyzer | undefined> {
  const started = performance.now();
  try {
    const analyzer = await Analyzer.create();
    log.info(`Analyzer ready in ${ms(performance.now() - started)}.`);
    return analyzer;
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
