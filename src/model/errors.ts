// Errors of the model runtime. Each carries a `kind` so callers (and the child-process protocol,
// which cannot send classes) decide what to do without matching on message text.

export type ModelErrorKind =
  /** The model file is missing, empty, not a GGUF file, or cut short. */
  | 'bad-file'
  /** llama.cpp refused the file (a missing tensor, an unknown architecture, ...). */
  | 'load-failed'
  | 'out-of-memory'
  | 'aborted'
  /** A request came before any model was loaded. */
  | 'not-loaded'
  /** The model's answer broke the JSON schema it was asked to follow. */
  | 'invalid-output'
  /** The child process running the model exited. */
  | 'host-exited'
  | 'no-model'
  /** A model server could not be reached, stalled, died mid-answer or stayed busy after retries: another provider may answer. */
  | 'unreachable'
  /** A model server refused the request (bad key, unknown model, bad URL): a setting to fix, not a reason to fall back. */
  | 'rejected'
  | 'internal';

export class ModelError extends Error {
  override name = 'ModelError';
  /** Whose answer it was, where a model answered (one that broke its JSON schema). */
  modelId?: string;

  constructor(readonly kind: ModelErrorKind, message: string) {
    super(message);
  }
}

/** One model the fallback chain passed over, and why. */
export interface FallbackAttempt {
  modelId: string;
  reason: string;
  /** missing: no file; failed: the file did not load; unfit: selection left it out. */
  stage: 'missing' | 'failed' | 'unfit';
}

export const noModelOutcome = 'no model available; parse-based review continues';

function listed(title: string, attempts: readonly FallbackAttempt[]): string {
  return attempts.length > 0 ? `\n${title}\n${attempts.map((attempt) => `  - ${attempt.modelId}: ${attempt.reason}`).join('\n')}` : '';
}

/** The end of the fallback chain: every candidate was missing, unfit or failed to load. */
export class NoModelAvailableError extends ModelError {
  override name = 'NoModelAvailableError';

  constructor(readonly attempts: readonly FallbackAttempt[]) {
    const tried = attempts.filter((attempt) => attempt.stage !== 'unfit');
    const unfit = attempts.filter((attempt) => attempt.stage === 'unfit');
    super('no-model', `${noModelOutcome}.${listed('Models tried:', tried)}${listed('Left out:', unfit)}`);
  }
}

/** No model could answer (nothing downloaded, nothing fits, nothing loaded): the user needs a way to get one. */
export function isNoModelError(error: unknown): boolean {
  return error instanceof ModelError && error.kind === 'no-model';
}

export function isAbortError(error: unknown): boolean {
  if (error instanceof ModelError) return error.kind === 'aborted';
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'ABORT_ERR');
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
