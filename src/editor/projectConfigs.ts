// Project configuration files in the editor: each document's nearest one (see configDiscovery.ts),
// their problems shown in Problems on the configuration file at the line of the key, and a watcher
// that reads them again and re-reviews when one changes. In a restricted workspace the search stops
// at the workspace folder, so a file above it never chooses what is reported; in a trusted one it
// goes on up to the repository root, for a monorepo opened at one of its projects.
import * as vscode from 'vscode';
import { configFileNames, ConfigDiscovery } from '../analysis/config/configDiscovery';
import { isRepositoryRoot } from '../analysis/repositoryRoot';
import { isExcluded, optionsForFile } from '../analysis/config/fileOptions';
import { describeProblem, type ConfigProblem } from '../analysis/config/projectConfig';
import type { AnalyzeOptions } from '../analysis/engine';

export class ProjectConfigs implements vscode.Disposable {
  private discovery = this.newDiscovery();
  private readonly problems = vscode.languages.createDiagnosticCollection('llama-review-config');
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[];
  /** Configuration files whose problems were last shown. */
  private shown = new Set<string>();
  private readonly logged = new Set<string>();

  /** Fires when a configuration file was created, changed or deleted (or trust was granted). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const names = configFileNames.map((file) => file.name).join(',');
    const watcher = vscode.workspace.createFileSystemWatcher(`**/{${names}}`);
    const reload = () => {
      this.discovery = this.newDiscovery();
      this.logged.clear();
      this.showProblems();
      this.changed.fire();
    };
    this.disposables = [watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload), vscode.workspace.onDidGrantWorkspaceTrust(reload), vscode.workspace.onDidChangeWorkspaceFolders(reload), this.problems, this.changed];
  }

  /** The options for a document: its project's configuration over the settings. Only files on disk have one. */
  async optionsFor(uri: vscode.Uri, settings: AnalyzeOptions): Promise<{ options: AnalyzeOptions; excluded: boolean }> {
    if (uri.scheme !== 'file') return { options: settings, excluded: false };
    const discovery = this.discovery;
    const config = await discovery.forFile(uri.fsPath);
    if (discovery === this.discovery) this.showProblems();
    return { options: optionsForFile(settings, config, uri.fsPath), excluded: isExcluded(config, uri.fsPath, false) };
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private newDiscovery(): ConfigDiscovery {
    return new ConfigDiscovery({ isBoundary: (folder) => this.isBoundary(folder) });
  }

  private async isBoundary(folder: string): Promise<boolean> {
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(folder));
    if (!vscode.workspace.isTrusted && (!workspaceFolder || workspaceFolder.uri.fsPath === folder)) return true;
    // A folder's parent outside every workspace folder: the search goes on only to the repository root.
    return isRepositoryRoot(folder);
  }

  /** Each configuration file's problems as diagnostics on it, and once in the log. */
  private showProblems(): void {
    const byFile = new Map<string, ConfigProblem[]>();
    for (const problem of this.discovery.problems()) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
    for (const file of this.shown) if (!byFile.has(file)) this.problems.delete(vscode.Uri.file(file));
    for (const [file, problems] of byFile) {
      this.problems.set(vscode.Uri.file(file), problems.map((problem) => toDiagnostic(problem)));
      for (const problem of problems) {
        const line = describeProblem(problem, vscode.workspace.asRelativePath(problem.file));
        if (!this.logged.has(line)) this.log.warn(`Configuration: ${line}`);
        this.logged.add(line);
      }
    }
    this.shown = new Set(byFile.keys());
  }
}

function toDiagnostic(problem: ConfigProblem): vscode.Diagnostic {
  const line = Math.max(0, problem.line - 1);
  const message = problem.key ? `${problem.key}: ${problem.message}; this key keeps its default, the rest of the file applies.` : `${problem.message}.`;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), message, vscode.DiagnosticSeverity.Warning);
  diagnostic.source = 'Llama Review configuration';
  return diagnostic;
}
