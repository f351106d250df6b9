// Messages between the extension host and its analysis worker thread. Everything here is plain
// data (structured-clone safe); the worker imports no `vscode`.
import type { AnalysisResult, AnalyzeOptions } from '../../analysis/engine';

export interface AnalyzeRequest {
  id: number;
  kind: 'analyze';
  text: string;
  language: string;
  options: AnalyzeOptions;
}

export type WorkerRequest =
  | AnalyzeRequest
  | { id: number; kind: 'forget'; cacheKey: string }
  | { id: number; kind: 'forgetProjectFiles' };

export type WorkerReply =
  | { kind: 'ready'; languages: string[] }
  | { kind: 'failed'; message: string }
  /** `retiring`: the analyzer recovered from a parser crash; the host replaces this worker. */
  | { kind: 'result'; id: number; result: AnalysisResult; workerMs: number; retiring: boolean }
  | { kind: 'error'; id: number; message: string; fatal: boolean }
  | { kind: 'done'; id: number };
