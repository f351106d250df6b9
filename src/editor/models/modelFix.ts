// "Fix with the local model": asks for a rewrite of the finding's function or statement (or the
// selection), parses and re-analyzes the result, and shows it as a diff the user accepts or
// rejects. A proposal that does not parse or still has the finding is shown, marked as such; one
// that reaches outside those lines, or that the analyzer would skip, is shown rejected.
import * as vscode from 'vscode';
import type { AnalysisClient } from '../worker/analysisClient';
import type { Finding } from '../../analysis/finding';
import { ruleMeta } from '../../analysis/rules';
import { verdictOfAnalysis, verdictOfAnswer, type FixVerdict } from '../../model/fixVerdict';
import { fixPrompt, selectionFixPrompt, type LineSpan } from '../../model/prompts';
import { readEditorSettings } from '../config';
import { analysisLanguageOf } from '../documentLanguage';
import { filePathOf } from '../fileReviewer';
import { codeFromAnswer } from './answerText';
import { fixSpan } from './codeSpan';
import type { ModelCommands } from './modelCommands';
import type { ModelService } from './modelService';
import type { ProposalPreviews } from './proposals';
import { withModelProgress } from './progress';

export interface FixTarget {
  document: vscode.TextDocument;
  /** The lines to rewrite; the edit replaces these and nothing else. */
  span: LineSpan;
  /** What the span is, for the verdict: "changes 2 lines outside the statement". */
  unit: 'function' | 'statement' | 'selection';
  finding?: Finding;
}

export class ModelFixer {
  constructor(
    private readonly models: ModelService,
    private readonly modelCommands: ModelCommands,
    private readonly previews: ProposalPreviews,
    private readonly analysis: AnalysisClient | undefined,
  ) {}

  /** From a code action: `{uri, finding}`; from the palette: the selection, or the finding's function at the cursor. */
  async run(target: FixTarget | undefined): Promise<void> {
    if (!target) {
      void vscode.window.showInformationMessage('Select the code to fix, or put the cursor on a Llama Review finding, then run "Fix with the Local Model" again.');
      return;
    }
    const { document, span, finding } = target;
    const text = document.getText();
    const fileName = vscode.workspace.asRelativePath(document.uri);
    const prompt = finding ? fixPrompt({ fileName, text, finding, rule: ruleMeta(finding.ruleId), span }) : selectionFixPrompt({ fileName, text, span });
    const title = finding ? `Fix ${finding.ruleId} (local model)` : 'Fix selection (local model)';
    const version = document.version;
    let answer;
    try {
      answer = await withModelProgress(`${title}: asking the model…`, (signal) => this.models.ask({ prompt, signal }));
    } catch (error) {
      void this.modelCommands.reportFailure(error, 'The fix');
      return;
    }
    if (document.isClosed || document.version !== version) {
      void vscode.window.showInformationMessage('The file changed while the model was answering, so its fix no longer applies. Run the fix again.');
      return;
    }
    const code = codeFromAnswer(answer.text);
    if (!code.trim()) {
      void vscode.window.showInformationMessage('The model proposed no code for this fix. Try again, or ask in the chat.');
      return;
    }
    const lastLine = Math.min(span.endLine, document.lineCount - 1);
    const range = new vscode.Range(span.startLine, 0, lastLine, document.lineAt(lastLine).text.length);
    const verdict = await this.judge(document, range, code, target);
    await this.previews.show({ document, range, newText: code, title, verdict: verdict.text, standing: verdict.standing });
  }

  /** Checks the answer against the file, then parses and re-analyzes the file with the proposal in place. */
  private async judge(document: vscode.TextDocument, range: vscode.Range, code: string, { span, unit, finding }: FixTarget): Promise<FixVerdict> {
    const fromAnswer = verdictOfAnswer(document.getText().split(/\r?\n/), span, unit, code);
    if (fromAnswer) return fromAnswer;
    if (!this.analysis) return { text: 'not checked (the analyzer is unavailable)', standing: 'doubtful' };
    const before = document.getText(new vscode.Range(new vscode.Position(0, 0), range.start));
    const after = document.getText(new vscode.Range(range.end, document.lineAt(document.lineCount - 1).range.end));
    const language = analysisLanguageOf(document);
    if (!language) return { text: 'not checked (the file is in no language Llama Review reviews)', standing: 'doubtful' };
    const outcome = await this.analysis.analyze(before + code + after, language, { ...readEditorSettings(document).analysis, filePath: filePathOf(document.uri) });
    if (!outcome) return { text: 'not checked (the check was cancelled)', standing: 'doubtful' };
    const rewritten = { startLine: range.start.line, endLine: range.start.line + code.split(/\r?\n/).length - 1 };
    return verdictOfAnalysis(outcome.result, rewritten, finding?.ruleId);
  }
}

/** The finding's function, or its statement at module level, as the span to rewrite. */
export async function fixTargetForFinding(document: vscode.TextDocument, finding: Finding): Promise<FixTarget> {
  const { unit, ...span } = await fixSpan(analysisLanguageOf(document), document.getText(), finding.range.start.line, finding.range.start.column);
  return { document, finding, span, unit };
}
