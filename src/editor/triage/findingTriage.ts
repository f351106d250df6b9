// "Triage Findings in File / in Workspace": asks the model whether each shown finding is real,
// under a cancellable progress notification, within a budget (llamaReview.triage.maxFindings), one
// question at a time for the local model (the server's concurrency for a team server). Verdicts
// are held to the code (model/triage) and kept beside the findings; nothing is ever deleted.
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Finding } from '../../analysis/finding';
import { ruleMeta } from '../../analysis/rules';
import { errorMessage, isAbortError } from '../../model/errors';
import { providerKindFor } from '../../model/providerRouter';
import { triageBatch, triageConcurrency, type TriageBatchOutcome } from '../../model/triage/triageBatch';
import { TriageCache, triageAskedOf } from '../../model/triage/triageCache';
import type { TriageAsker, TriageSubject } from '../../model/triage/triageFinding';
import { analysisLanguageOf, analysisLanguageOfFile } from '../documentLanguage';
import type { FindingsStore } from '../findingsStore';
import { plural } from '../findingsStatusText';
import { promptSpan } from '../models/codeSpan';
import type { ModelCommands } from '../models/modelCommands';
import type { ModelService } from '../models/modelService';
import type { Notices } from '../models/notices';
import { hideFalsePositivesSetting, type TriageVerdicts } from './triageVerdicts';

interface FileSubjects {
  uri: vscode.Uri;
  text: string;
  subjects: TriageSubject[];
}

/** Parse-based findings only: a model's own review item is not the model's to judge. */
function triageable(finding: Finding): boolean {
  return finding.source !== 'model';
}

export class FindingTriage implements vscode.Disposable {
  private cache?: Promise<TriageCache>;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly models: ModelService,
    private readonly modelCommands: ModelCommands,
    private readonly store: FindingsStore,
    private readonly verdicts: TriageVerdicts,
    private readonly notices: Notices,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Verdicts survive a restart: the cache file lives in the extension's global storage. */
  private triageCache(): Promise<TriageCache> {
    this.cache ??= TriageCache.open(join(this.context.globalStorageUri.fsPath, 'triage-cache.json')).then((cache) => {
      if (cache.loadProblem) this.log.warn(`Triage cache: ${cache.loadProblem}`);
      return cache;
    });
    return this.cache;
  }

  /** The model service as triage's asker: the status bar, the test hook and the providers all apply. */
  private asker(): TriageAsker {
    return {
      ask: (request, options) => this.models.ask({ prompt: request.prompt, jsonSchema: request.jsonSchema, signal: options?.signal }),
      providerFor: (task) => ({ describe: () => this.models.providerFor(task) }),
    };
  }

  async triageFile(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document) {
      void this.notices.show('info', 'Llama Review: open a file with findings to triage them.');
      return;
    }
    const findings = this.store.shownFindings(document.uri).filter(triageable);
    if (findings.length === 0) {
      void this.notices.show('info', `Llama Review: ${vscode.workspace.asRelativePath(document.uri)} has no findings to triage.`);
      return;
    }
    await this.run('Triaging findings', [await this.subjectsOf(document.uri, document.getText(), findings, analysisLanguageOf(document))]);
  }

  async triageWorkspace(): Promise<void> {
    const files: FileSubjects[] = [];
    for (const entry of this.store.entries()) {
      const findings = this.store.shownFindings(entry.uri).filter(triageable);
      if (findings.length === 0) continue;
      const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === entry.uri.toString());
      // A file the workspace review read from disk is read again: its findings are for that text.
      const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(entry.uri));
      files.push(await this.subjectsOf(entry.uri, text, findings, open ? analysisLanguageOf(open) : analysisLanguageOfFile(entry.uri)));
    }
    if (files.length === 0) {
      void this.notices.show('info', 'Llama Review: no reviewed file has findings to triage. Run **Review Workspace** first to triage more than the open files.');
      return;
    }
    await this.run('Triaging workspace findings', files);
  }

  private async subjectsOf(uri: vscode.Uri, text: string, findings: readonly Finding[], language: string | undefined): Promise<FileSubjects> {
    const fileName = vscode.workspace.asRelativePath(uri);
    const subjects: TriageSubject[] = [];
    for (const finding of findings) {
      const enclosingSpan = await promptSpan(language, text, finding.range.start.line, finding.range.start.column);
      subjects.push({ fileName, text, finding, rule: ruleMeta(finding.ruleId), enclosingSpan });
    }
    return { uri, text, subjects };
  }

  private async run(title: string, files: readonly FileSubjects[]): Promise<void> {
    const settings = this.models.parts().settings;
    const kind = providerKindFor(settings, 'triage');
    const config = vscode.workspace.getConfiguration('llamaReview.triage');
    const maxFindings = Math.max(1, Math.round(config.get<number>('maxFindings', 25)));
    const subjects = files.flatMap((file) => file.subjects);
    const owners = files.flatMap((file) => file.subjects.map(() => file));
    const askedOf = triageAskedOf(settings, kind);
    const cache = await this.triageCache();
    let outcome: TriageBatchOutcome;
    try {
      outcome = await Promise.resolve(
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${title}…`, cancellable: true }, async (progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          let reported = 0;
          return triageBatch(subjects, {
            asker: this.asker(),
            concurrency: triageConcurrency(settings, kind),
            maxFindings,
            cache,
            askedOf,
            signal: controller.signal,
            onProgress: ({ done, total }) => {
              const fraction = total === 0 ? 1 : done / total;
              progress.report({ message: `${done} of ${total}`, increment: (fraction - reported) * 100 });
              reported = fraction;
            },
          });
        }),
      );
    } catch (error) {
      if (!isAbortError(error)) void this.modelCommands.reportFailure(error, 'Triage');
      return;
    } finally {
      await cache.save().catch((error: unknown) => this.log.warn(`Triage cache not saved: ${errorMessage(error)}`));
    }
    outcome.results.forEach((result, index) => {
      if (!result) return;
      const subject = subjects[index];
      const shown = outcome.prepared[index].prompt.shownLines;
      if (!result.verified) this.log.info(`Triage of ${subject.finding.ruleId} at ${subject.fileName}:${subject.finding.range.start.line + 1}: unsure, because ${result.rejected.join('; ')}.`);
      this.verdicts.record(owners[index].uri, owners[index].text, subject.finding, result, shown);
    });
    if (outcome.stopped) void this.modelCommands.reportFailure(outcome.stopped, 'Triage');
    void this.notices.show('info', this.summary(outcome));
  }

  private summary(outcome: TriageBatchOutcome): string {
    const results = outcome.results.filter((result) => result !== undefined);
    const count = (verdict: string) => results.filter((result) => result.verified && result.verdict === verdict).length;
    const unsure = results.length - count('true-positive') - count('false-positive');
    const parts = [`${count('true-positive')} likely real`, `${count('false-positive')} likely false positive`, `${unsure} unsure`];
    const extra = [
      outcome.fromCache ? `${outcome.fromCache} from earlier answers` : '',
      outcome.overBudget ? `${plural(outcome.overBudget, 'finding')} left for the next run (llamaReview.triage.maxFindings)` : '',
      outcome.cancelled ? 'cancelled' : '',
    ].filter(Boolean);
    const hiding = vscode.workspace.getConfiguration().get<boolean>(hideFalsePositivesSetting, false) ? ' Likely false positives are hidden.' : '';
    return `Llama Review: triaged ${plural(results.length, 'finding')}: ${parts.join(', ')}${extra.length ? ` (${extra.join('; ')})` : ''}.${hiding}`;
  }

  /** Shows again what triage hid: the setting goes off for this workspace. */
  async showHidden(): Promise<void> {
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration().update(hideFalsePositivesSetting, false, target);
    void this.notices.show('info', 'Llama Review: findings the model marked as likely false positive are shown again (llamaReview.triage.hideFalsePositives is off for this workspace).');
  }

  dispose(): void {
    void this.cache?.then((cache) => cache.save()).catch(() => undefined);
  }
}
