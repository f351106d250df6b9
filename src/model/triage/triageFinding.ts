// Triage of one finding: the prompt (the budgeted span, the path, the rule), the cache, one JSON
// answer from whichever provider the `triage` task routes to, and its verification.
import type { Finding, RuleMeta } from '../../analysis/finding';
import { errorMessage, ModelError } from '../errors';
import { triagePrompt, type LineSpan, type TriagePrompt } from '../prompts';
import type { ModelTask } from '../catalogSchema';
import type { ModelProvider, ProviderDescription } from '../provider';
import type { ProviderRouter } from '../providerRouter';
import { triageAnswerSchema } from './triageAnswer';
import { triageCacheKey, type TriageCache } from './triageCache';
import { triageSpan } from './triageSpan';
import { verifyVerdict, type VerifiedVerdict } from './verifyVerdict';

/** A finding with what its prompt needs. */
export interface TriageSubject {
  /** As the prompt names it: the path the user knows the file by. */
  fileName: string;
  text: string;
  finding: Finding;
  rule?: RuleMeta;
  /** The lines around the finding a prompt may show: analysis/promptSpan.ts's function or window. */
  enclosingSpan: LineSpan;
}

export interface TriageResult extends VerifiedVerdict {
  /** The model that answered; the provider's label where even that is unknown (an unreadable answer from a provider that does not say). */
  modelId: string;
  provider: ProviderDescription;
  /** The answer could not be read at all (cut off at the token limit, or not the schema): unsure, and `rejected` says why. */
  unreadable?: true;
  /** From the cache: not asked in this run. */
  cached: boolean;
}

/** What triage asks through: the ProviderRouter (which crosses to the local model when a server is down). */
export type TriageAsker = Pick<ProviderRouter, 'ask'> & {
  /** Only its description is read: who would have answered an answer that could not be read. */
  providerFor(task: ModelTask): Pick<ModelProvider, 'describe'>;
};

export interface PreparedTriage {
  subject: TriageSubject;
  prompt: TriagePrompt;
  cacheKey: string;
}

/** `askedOf`: triageAskedOf() for the settings in use, so a cached verdict from another model is not reused. */
export function prepareTriage(subject: TriageSubject, askedOf = ''): PreparedTriage {
  const span = triageSpan(subject.text, subject.finding, subject.enclosingSpan);
  const prompt = triagePrompt({ fileName: subject.fileName, text: subject.text, finding: subject.finding, rule: subject.rule, span });
  return { subject, prompt, cacheKey: triageCacheKey(subject.finding, prompt, askedOf) };
}

export interface TriageAskOptions {
  cache?: TriageCache;
  signal?: AbortSignal;
}

/** The parsed answer, or the text read as JSON where a provider did not parse it (a server that ignores the schema). */
function answerValue(answer: { json?: unknown; text: string }): unknown {
  if (answer.json !== undefined) return answer.json;
  try {
    return JSON.parse(answer.text);
  } catch {
    return answer.text;
  }
}

async function answerOf(prepared: PreparedTriage, asker: TriageAsker, signal?: AbortSignal): Promise<TriageResult> {
  try {
    const answer = await asker.ask({ prompt: prepared.prompt, jsonSchema: triageAnswerSchema }, { signal });
    return { ...verifyVerdict(answerValue(answer), prepared.prompt.shownLines), modelId: answer.modelId, provider: answer.provider, cached: false };
  } catch (error) {
    if (!(error instanceof ModelError) || error.kind !== 'invalid-output') throw error;
    const provider = asker.providerFor('triage').describe();
    return { verdict: 'unsure', reason: '', evidenceLines: [], fixHint: '', verified: false, rejected: [errorMessage(error)], modelId: error.modelId ?? provider.label, provider, unreadable: true, cached: false };
  }
}

/**
 * Asks about a prepared finding, or answers from the cache. An answer that cannot be read (cut
 * off, not the schema) is an unsure result like any other that fails verification, and is cached
 * the same way (the same question to the same model would get the same answer); every other
 * failure (no model, a server that refuses, cancellation) throws.
 */
export async function askTriage(prepared: PreparedTriage, asker: TriageAsker, options: TriageAskOptions = {}): Promise<TriageResult> {
  const hit = options.cache?.get(prepared.cacheKey);
  if (hit) return hit;
  const result = await answerOf(prepared, asker, options.signal);
  options.cache?.set(prepared.cacheKey, result);
  return result;
}

export function triageFinding(subject: TriageSubject, asker: TriageAsker, options: TriageAskOptions & { askedOf?: string } = {}): Promise<TriageResult> {
  return askTriage(prepareTriage(subject, options.askedOf), asker, options);
}
