// Triage tests' parts: a finding with a taint path in a small Flask view, and a ProviderRouter
// over the real LocalProvider with the tiny GGUF, whose provider counts the questions in flight.
import { join } from 'node:path';
import type { Finding } from '../../src/analysis/finding';
import { ruleMeta } from '../../src/analysis/rules';
import { Catalog } from '../../src/model/catalog';
import { InProcessHost } from '../../src/model/host';
import { LocalProvider } from '../../src/model/localProvider';
import type { ModelProvider, ProviderAskOptions, ProviderRequest } from '../../src/model/provider';
import { ProviderRouter } from '../../src/model/providerRouter';
import type { GenerateResult } from '../../src/model/requests';
import { ModelRuntime } from '../../src/model/runtime';
import { resolveModelSettings, type ModelSettings } from '../../src/model/settings';
import { ModelStore } from '../../src/model/store';
import type { TriageSubject } from '../../src/model/triage/triageFinding';
import { localEntry, testEngineOptions, type ModelScratch } from './modelFixtures';

export const flaskView = [
  'from flask import Flask, request',
  'import subprocess',
  '',
  'app = Flask(__name__)',
  '',
  '',
  '@app.route("/ping")',
  'def ping():',
  '    host = request.args.get("host")',
  '    command = "ping -c 1 " + host',
  '    subprocess.run(command, shell=True)',
  '    return "ok"',
  '',
].join('\n');

/** command-injection at line 11 (0-based 10), its data from line 9 through line 10. */
export function commandInjection(line = 10): Finding {
  const at = (row: number, from: number, to: number) => ({ start: { line: row, column: from }, end: { line: row, column: to } });
  return {
    ruleId: 'command-injection',
    aliases: [],
    category: 'security',
    severity: 'error',
    confidence: 'high',
    cwe: 78,
    message: 'User input `request.args` (line 9) reaches `subprocess.run()` with shell=True.',
    range: at(line, 4, 39),
    source: 'parse',
    contentFingerprint: 'fp-command-injection',
    trace: [
      { range: at(line - 2, 11, 35), label: 'user input `request.args`', kind: 'source' },
      { range: at(line - 1, 4, 34), label: 'assigned to `command`', kind: 'step' },
      { range: at(line, 4, 39), label: 'reaches `subprocess.run()`', kind: 'sink' },
    ],
  };
}

/** The view's finding as a triage subject; the function (decorator included) is its enclosing span. */
export function viewSubject(text = flaskView, finding = commandInjection()): TriageSubject {
  return { fileName: 'app.py', text, finding, rule: ruleMeta('command-injection'), enclosingSpan: { startLine: 6, endLine: 11 } };
}

/** A provider around another that counts questions: how many at once, at most, and in all. */
export class CountingProvider implements ModelProvider {
  inFlight = 0;
  peak = 0;
  asks = 0;

  constructor(readonly inner: ModelProvider) {}

  describe() {
    return this.inner.describe();
  }

  async ask(request: ProviderRequest, options?: ProviderAskOptions): Promise<GenerateResult> {
    this.asks++;
    this.peak = Math.max(this.peak, ++this.inFlight);
    try {
      return await this.inner.ask(request, options);
    } finally {
      this.inFlight--;
    }
  }

  endConversation(conversationId: string): Promise<void> {
    return this.inner.endConversation(conversationId);
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

export interface TinyTriageModel {
  router: ProviderRouter;
  counter: CountingProvider;
  settings: ModelSettings;
}

/**
 * The tiny model answers triage: greedy (temperature 0), so a prompt gets the same answer each
 * time, and `maxTokens` leaves room for a whole answer (its tokens are about a character each).
 */
export function tinyTriageModel(scratch: ModelScratch, maxTokens = 900): TinyTriageModel {
  const settings = resolveModelSettings({ tasks: { triage: { model: 'tiny', maxTokens, temperature: 0 } } }, {});
  const host = new InProcessHost(testEngineOptions);
  const runtime = new ModelRuntime({ host, catalog: new Catalog([localEntry('tiny', scratch.tinyModel)]), store: new ModelStore(join(scratch.folder, 'models')), settings });
  const counter = new CountingProvider(new LocalProvider(runtime, host));
  return { router: new ProviderRouter(settings, () => counter), counter, settings };
}
