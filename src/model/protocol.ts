// The messages between the extension and the model child process. Parent -> child: request,
// cancel. Child -> parent: progress, token, done, error. Errors travel as plain data and become
// ModelErrors again on arrival.
import { ModelError, NoModelAvailableError, type FallbackAttempt, type ModelErrorKind } from './errors';
import type { MachineProfile } from './hardware';
import type { ModelLogLevel } from './modelLog';
import type { GenerateRequest, GenerateResult, LoadedModelInfo, LoadRequest } from './requests';

/** Each method with its parameters and result. */
export interface HostMethods {
  load: { params: LoadRequest; result: LoadedModelInfo };
  generate: { params: GenerateRequest; result: GenerateResult };
  endConversation: { params: { conversationId: string }; result: void };
  unload: { params: Record<string, never>; result: void };
  describeMachine: { params: Record<string, never>; result: MachineProfile };
}

export type HostMethod = keyof HostMethods;

export type RequestMessage = {
  [M in HostMethod]: { type: 'request'; id: number; method: M; params: HostMethods[M]['params'] };
}[HostMethod];

export type ParentMessage = RequestMessage | { type: 'cancel'; id: number };

export interface SerializedError {
  kind: ModelErrorKind;
  message: string;
  attempts?: FallbackAttempt[];
}

export type ChildMessage =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'token'; id: number; text: string }
  /** A llama.cpp log line, not tied to a request (id 0). */
  | { type: 'log'; id: number; level: ModelLogLevel; message: string }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'error'; id: number; error: SerializedError };

const hostMethods: readonly HostMethod[] = ['load', 'generate', 'endConversation', 'unload', 'describeMachine'];

export function serializeError(error: unknown): SerializedError {
  if (error instanceof NoModelAvailableError) return { kind: error.kind, message: error.message, attempts: [...error.attempts] };
  if (error instanceof ModelError) return { kind: error.kind, message: error.message };
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export function deserializeError(error: SerializedError): ModelError {
  if (error.kind === 'no-model' && error.attempts) return new NoModelAvailableError(error.attempts);
  return new ModelError(error.kind, error.message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isParentMessage(value: unknown): value is ParentMessage {
  if (!isRecord(value) || typeof value.id !== 'number') return false;
  if (value.type === 'cancel') return true;
  return value.type === 'request' && hostMethods.includes(value.method as HostMethod) && isRecord(value.params);
}

export function isChildMessage(value: unknown): value is ChildMessage {
  if (!isRecord(value) || typeof value.id !== 'number') return false;
  switch (value.type) {
    case 'progress':
      return typeof value.fraction === 'number';
    case 'token':
      return typeof value.text === 'string';
    case 'log':
      return typeof value.level === 'string' && typeof value.message === 'string';
    case 'done':
      return true;
    case 'error':
      return isRecord(value.error) && typeof value.error.message === 'string';
    default:
      return false;
  }
}
