// What flow learns about the project's other files, kept from one analysis to the next: their
// module bodies run once, their functions summarised once. Keyed by the lowered functions and
// classes themselves (weakly), so a file that changes on disk gets new keys and the old entries
// go with their objects; the analysed file's own functions are new objects on every analysis.
import type { Frame, ModuleState, Summary } from './frames';
import { InputReach } from './inputReach';
import type { FunctionDef } from './ir';
import type { ClassInfo, Value } from './value';

/** Other modules kept at most; past it everything is dropped and learnt again. */
const maxModules = 256;

export class SharedFlowState {
  /** What the cached results were computed for: the sink kinds on, the environment option. */
  private signature = '';
  readonly modules = new Map<string, ModuleState>();
  readonly summaries = new WeakMap<FunctionDef, Summary>();
  /** The frame each summarised function ended in: nested functions read their free variables there. */
  readonly finalFrames = new WeakMap<FunctionDef, Frame>();
  readonly classFields = new WeakMap<ClassInfo, Map<string, Value | undefined>>();
  /** Which project modules can hand untrusted data to callers. */
  readonly inputReach = new InputReach();

  /** Starts over when the analysis asks for something else than what is cached. */
  prepare(signature: string): void {
    if (signature === this.signature && this.modules.size <= maxModules) return;
    this.clear();
    this.signature = signature;
  }

  /** Drops every module: a file changed on disk, or an analysis stopped half-way through one. */
  clear(): void {
    this.modules.clear();
    this.inputReach.clear();
    // The weak maps need no clearing: their keys belong to the modules just dropped or to
    // analysed files that are gone, and new module states bring new keys.
  }
}
