// What an explanation of a finding is grounded in, wherever it is asked for: the rule's text, the
// finding's path, and the numbered lines of its enclosing function (or a window at module level).
import * as vscode from 'vscode';
import type { Finding } from '../../analysis/finding';
import { ruleMeta } from '../../analysis/rules';
import { explainPrompt, type LineSpan, type PromptParts } from '../../model/prompts';
import { analysisLanguageOf } from '../documentLanguage';
import { promptSpan } from '../models/codeSpan';
import { codeBlock } from './codeBlock';

export interface FindingExplanation {
  prompt: PromptParts;
  /** `eval-used at app/main.py:6`. */
  topic: string;
  /** The lines the prompt shows, for a reference to them. */
  span: LineSpan;
  /** Those lines with their numbers in a fenced block, the flagged line marked. */
  code: string;
}

export async function findingExplanation(document: vscode.TextDocument, finding: Finding): Promise<FindingExplanation> {
  const text = document.getText();
  const line = finding.range.start.line;
  const span = await promptSpan(analysisLanguageOf(document), text, line, finding.range.start.column);
  const fileName = vscode.workspace.asRelativePath(document.uri);
  return {
    prompt: explainPrompt({ fileName, text, finding, rule: ruleMeta(finding.ruleId), span }),
    topic: `${finding.ruleId} at ${fileName}:${line + 1}`,
    span,
    code: codeBlock(text, span, new Set([line])),
  };
}
