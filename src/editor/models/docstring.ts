// "Generate Docstring" for the function at the cursor: the model writes it, and it arrives as a
// proposed edit in a diff (inserted under the `def`, or replacing the docstring already there).
import * as vscode from 'vscode';
import { docstringPrompt } from '../../model/prompts';
import { analysisLanguageOf } from '../documentLanguage';
import { formatDocstring } from './answerText';
import { functionAt, type FunctionAt } from './codeSpan';
import type { ModelCommands } from './modelCommands';
import type { ModelService } from './modelService';
import type { Notices } from './notices';
import { withModelProgress } from './progress';
import type { ProposalPreviews } from './proposals';

export class DocstringWriter {
  constructor(
    private readonly models: ModelService,
    private readonly modelCommands: ModelCommands,
    private readonly previews: ProposalPreviews,
    private readonly notices: Notices,
  ) {}

  async run(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const document = editor?.document;
    const found = editor && (await functionAt(analysisLanguageOf(editor.document), editor.document.getText(), editor.selection.active.line, editor.selection.active.character).catch(() => undefined));
    if (!document || !found) {
      void this.notices.show('info', 'Put the cursor inside a Python function, then run "Generate Docstring" again.');
      return;
    }
    if (found.bodyStartLine <= found.headerEndLine) {
      void this.notices.show('info', `The body of ${found.name} is on the same line as its "def"; move it to its own line to add a docstring.`);
      return;
    }
    const version = document.version;
    const prompt = docstringPrompt({ fileName: vscode.workspace.asRelativePath(document.uri), text: document.getText(), span: found.span });
    let answer;
    try {
      answer = await withModelProgress(`Writing a docstring for ${found.name}…`, (signal) => this.models.ask({ prompt, signal }));
    } catch (error) {
      void this.modelCommands.reportFailure(error, 'The docstring');
      return;
    }
    if (document.isClosed || document.version !== version) {
      void this.notices.show('info', 'The file changed while the model was writing, so the docstring was dropped. Run it again.');
      return;
    }
    const docstring = formatDocstring(answer.text, found.bodyIndent);
    await this.previews.show({ document, ...this.placement(document, found, docstring), title: `Docstring for ${found.name} (local model)`, verdict: found.docstring ? 'replaces the existing docstring' : 'new docstring', standing: 'good' });
  }

  private placement(document: vscode.TextDocument, found: FunctionAt, docstring: string): { range: vscode.Range; newText: string } {
    if (found.docstring) {
      const end = document.lineAt(found.docstring.endLine).range.end;
      return { range: new vscode.Range(found.docstring.startLine, 0, end.line, end.character), newText: docstring };
    }
    const at = new vscode.Position(found.bodyStartLine, 0);
    return { range: new vscode.Range(at, at), newText: `${docstring}\n` };
  }
}
